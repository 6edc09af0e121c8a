package roomchat.core.chat;

import static roomchat.testing.Stages.done;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import roomchat.core.broker.LocalBroker;
import roomchat.core.command.Input;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.limit.GuessLedger;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.Membership;
import roomchat.core.room.Room;
import roomchat.core.testing.RecordingPort;

/**
 * A chat wired as the server wires it (registry, in-process broker, chat service), with recorders
 * where the delivery side would be: every event the broker orders, and every arrival and departure
 * the registry reports, in order. An arrival's first notices are passed on to the member's port, as
 * the dispatcher does, and members are {@link RecordingPort}s. Single-threaded: the tests drive it
 * from their own thread, where the in-process broker hands over every event at once.
 */
final class ChatFixture {

    /** The time of every event. */
    static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

    /** An arrival in, or departure from, a room, as the registry reported it. */
    record Move(String room, String member, boolean arrived) {
    }

    final LocalRoomRegistry registry = new LocalRoomRegistry("lobby", 10);
    final LocalBroker broker = new LocalBroker(Clock.fixed(NOON, ZoneOffset.UTC));
    final ChatService chat;
    private final List<RoomEvent> events = new ArrayList<>();
    private final List<Move> moves = new ArrayList<>();

    ChatFixture() {
        broker.start((room, event) -> events.add(event));
        registry.deliverMovesTo(new Membership() {
            @Override
            public void admit(Room room, Member member, List<Notice> first) {
                moves.add(new Move(room.name(), member.name(), true));
                first.forEach(member.port()::deliver);
            }

            @Override
            public void remove(Room room, Member member) {
                moves.add(new Move(room.name(), member.name(), false));
            }
        });
        chat = new ChatService(registry, broker, ChatService.DEFAULT_ANNOUNCE_LIMIT, neverWaiting());
    }

    /**
     * A ledger of password guesses whose clock jumps an hour ahead at each reading, so that no guess
     * ever waits: the throttle has tests of its own, and the rules here are what a guess gets in.
     */
    private static GuessLedger neverWaiting() {
        AtomicLong nanos = new AtomicLong();
        return new GuessLedger(0, GuessLedger.MAX_PAIRS, GuessLedger.MAX_ROOMS,
                () -> nanos.addAndGet(TimeUnit.HOURS.toNanos(1)));
    }

    /**
     * A new member called {@code name}, in the default room. Its arrival is forgotten: what it was
     * told, and every event and move so far.
     */
    Member join(String name) {
        NameStep step = done(chat.beforeName(new Input.ChatText(name), new RecordingPort(), InetAddress.getLoopbackAddress()));
        Member member = step.member().orElseThrow(() -> new AssertionError(name + " refused: " + step.reply()));
        port(member).take();
        forget();
        return member;
    }

    /** The notices {@code member} was sent outside its answers since last asked. */
    List<Notice> noticesTo(Member member) {
        return port(member).take();
    }

    /** The events ordered since last asked, in the order the broker handed them over; forgotten. */
    List<RoomEvent> events() {
        List<RoomEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    /** The arrivals and departures reported since last asked; forgotten. */
    List<Move> moves() {
        List<Move> taken = List.copyOf(moves);
        moves.clear();
        return taken;
    }

    /** Forgets every event and move so far. */
    void forget() {
        events.clear();
        moves.clear();
    }

    private static RecordingPort port(Member member) {
        return (RecordingPort) member.port();
    }
}
