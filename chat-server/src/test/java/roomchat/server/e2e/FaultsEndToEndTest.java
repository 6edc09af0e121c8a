package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.RoomRegistry;
import roomchat.server.ServerConfig;

/** A failure while handling one user's line is that user's problem alone; logs never hold chat text. */
class FaultsEndToEndTest {

    /** Rooms that fail whenever someone looks up whether the room named {@code boom} may be entered. */
    private static RoomRegistry faultyRooms(ServerConfig config) {
        RoomRegistry rooms = new LocalRoomRegistry(config.defaultRoom);
        InvocationHandler failOnBoom = (proxy, method, args) -> {
            if (method.getName().equals("checkEntry") && "boom".equals(args[0])) {
                throw new IllegalStateException("injected fault");
            }
            try {
                return method.invoke(rooms, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (RoomRegistry) Proxy.newProxyInstance(RoomRegistry.class.getClassLoader(),
                new Class<?>[] {RoomRegistry.class}, failOnBoom);
    }

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> { }, FaultsEndToEndTest::faultyRooms);

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
