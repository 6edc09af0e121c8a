package roomchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import roomchat.core.event.Happening;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.RoomEvent;

/** Every kind of event comes back from its wire form exactly as it was. */
class EventCodecTest {

    static Stream<Happening> happenings() {
        List<Happening> all = new ArrayList<>(List.of(
                new Happening.Said("hi \"there\" \u00e9\u263a\n"),
                new Happening.Acted("waves"),
                new Happening.Relayed("lobby", "psst"),
                new Happening.Joined(),
                new Happening.Kicked("mallory"),
                new Happening.Renamed("bob2"),
                new Happening.HostGranted("carol"),
                new Happening.TopicChanged("chess tonight"),
                new Happening.TopicChanged(null),
                new Happening.LockChanged(true),
                new Happening.LockChanged(false),
                new Happening.Created()));
        for (LeaveReason why : LeaveReason.values()) {
            all.add(new Happening.Left(why));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("happenings")
    void decodesWhatItEncoded(Happening what) {
        RoomEvent draft = new RoomEvent("Games", 0, null, "alice", null, what);
        String wire = EventCodec.wire(42, 1_700_000_000_123L, EventCodec.json(draft, "n1:7"));

        WireEvent decoded = EventCodec.decode(wire);

        assertThat(decoded.event()).isEqualTo(draft.ordered(42, Instant.ofEpochMilli(1_700_000_000_123L)));
        assertThat(decoded.originRef()).isEqualTo("n1:7");
    }

    @Test
    void keepsAnEventOfTheServerWithoutActorOrOrigin() {
        RoomEvent draft = RoomEvent.byServer("lobby", new Happening.HostGranted("dave"));

        WireEvent decoded = EventCodec.decode(EventCodec.wire(1, 5, EventCodec.json(draft, null)));

        assertThat(decoded.event()).isEqualTo(draft.ordered(1, Instant.ofEpochMilli(5)));
        assertThat(decoded.originRef()).isNull();
    }

    @Test
    void refusesWhatIsNotAnEvent() {
        assertThatThrownBy(() -> EventCodec.decode("12 34")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode("1 2 {\"type\":\"sung\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode("1 2 {\"type\":\"said\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
