package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.netty.channel.Channel;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.room.RoomRegistry;

/** A failure while handling one user's line is that user's problem alone; logs never hold chat text. */
class FaultsEndToEndTest {

    /** Rooms that fail whenever someone looks up the room named {@code boom}. */
    static final class FaultyRegistry implements RoomRegistry {
        private final RoomRegistry rooms;

        FaultyRegistry(String defaultRoom) {
            this.rooms = new LocalRoomRegistry(defaultRoom);
        }

        @Override
        public Optional<Room> find(String roomName) {
            if (roomName.equals("boom")) {
                throw new IllegalStateException("injected fault");
            }
            return rooms.find(roomName);
        }

        @Override
        public Room defaultRoom() {
            return rooms.defaultRoom();
        }

        @Override
        public Optional<RoomChange.Moved> claim(String screenName, Channel channel) {
            return rooms.claim(screenName, channel);
        }

        @Override
        public RoomChange moveTo(Member member, String roomName) {
            return rooms.moveTo(member, roomName);
        }

        @Override
        public RoomChange create(Member member, String roomName) {
            return rooms.create(member, roomName);
        }

        @Override
        public Optional<Room> leave(Member member) {
            return rooms.leave(member);
        }

        @Override
        public List<Room> rooms() {
            return rooms.rooms();
        }

        @Override
        public int memberCount() {
            return rooms.memberCount();
        }
    }

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> { }, FaultyRegistry::new);

    private final Clients clients = new Clients(server);

    @AfterEach
    void disconnect() throws IOException {
        clients.close();
    }

    @Test
    void aFailureGivesTheSenderOneErrorIsLoggedOnceAndHarmsNobody() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            LineClient alice = clients.login("alice");
            LineClient bob = clients.login("bob");
            alice.send(":erm boom hi");
            alice.await("! internal error; your line was dropped");
            alice.send("still talking");
            bob.await("[lobby] alice: still talking");
            bob.send("me too");
            alice.await("[lobby] bob: me too");

            List<ILoggingEvent> failures = logs.events().stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(failures).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).contains("alice");
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("injected fault");
            });
        }
    }

    @Test
    void infoLogsTellWhoAndWhereButNeverWhatWasSaid() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            LineClient alice = clients.login("alice");
            LineClient bob = clients.login("bob");
            alice.send("the secret is 4711");
            bob.await("[lobby] alice: the secret is 4711");
            alice.send(":n games");
            alice.await("* created games");
            alice.send(":erm lobby psst 4711");
            bob.await("[lobby] alice@games: psst 4711");
            alice.close();
            await().atMost(LineClient.TIMEOUT).until(() -> logs.events().stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("alice") && e.getFormattedMessage().contains("disconnected")));

            List<String> messages = logs.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(messages).noneMatch(message -> message.contains("4711"));
            assertThat(messages).anyMatch(m -> m.contains("connected"))
                    .anyMatch(m -> m.contains("is now alice"))
                    .anyMatch(m -> m.contains("alice joined games"))
                    .anyMatch(m -> m.contains("alice left games"))
                    .anyMatch(m -> m.matches("alice /127\\.0\\.0\\.1:\\d+ disconnected: closed by client"));
        }
    }
}
