package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;
import roomchat.v1.ClientMessage;
import roomchat.v1.Exit;
import roomchat.v1.Say;
import roomchat.v1.ServerEvent;

/**
 * gRPC calls under the connection limits, counted with nc's connections: a call over a limit gets
 * one typed error in nc's words and is ended before any greeting, and takes no place; a call's place
 * is given back when it ends. One HTTP/2 connection has at most its share of calls open at once.
 */
class GrpcLimitsEndToEndTest {

    /** Calls made by a test, closed after it. */
    private final List<GrpcClient> calls = new ArrayList<>();

    @AfterEach
    void closeCalls() throws InterruptedException {
        for (GrpcClient call : calls) {
            call.close();
        }
    }

    private GrpcClient call(RunningServer server) {
        GrpcClient call = GrpcClient.connect(server.server().grpcAddress());
        calls.add(call);
        return call;
    }

    private GrpcClient named(RunningServer server, String name) throws InterruptedException {
        GrpcClient call = call(server);
        call.await(ServerEvent::hasNamePrompt);
        call.send(ClientMessage.newBuilder().setName(name).build());
        call.await(ServerEvent::hasNamed);
        return call;
    }

    /** The refused call's only event is the error, and the call ends with RESOURCE_EXHAUSTED in the same words. */
    private static void assertRefused(GrpcClient call, String words) throws InterruptedException {
        ServerEvent first = call.await(event -> true);
        assertThat(first.hasError()).as("the first event, before any greeting: %s", first).isTrue();
        assertThat(first.getError().getText()).isEqualTo(words);
        Status end = call.awaitEnd();
        assertThat(end.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(end.getDescription()).isEqualTo(words);
        assertThat(call.drained()).containsExactly(first);
    }

    private static void exit(GrpcClient call) throws InterruptedException {
        call.send(ClientMessage.newBuilder().setExit(Exit.getDefaultInstance()).build());
        assertThat(call.awaitEnd().isOk()).isTrue();
    }

    @Nested
    class Total {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.grpcPort = ServerConfig.ANY_FREE_PORT;
            config.maxConnections = 2;
        });

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws Exception {
            clients.close();
        }

        @Test
        void aCallOverTheTotalIsToldTheServerIsFullAndNcCountsCallsToo() throws Exception {
            LineClient alice = clients.login("alice");
            GrpcClient bot = named(server, "bot");
            assertThat(server.server().openConnections()).isEqualTo(2);

            assertRefused(call(server), "server full");
            LineClient third = clients.connect();
            third.await("! server full");
            third.awaitEnd();
            assertThat(server.server().metrics()).contains("roomchat_disconnects_total{reason=\"server_full\"} 2");

            // Nobody else noticed, and the refusals kept no place.
            alice.send("unaffected");
            bot.await(event -> event.hasRoomEvent() && event.getRoomEvent().getSaid().getText().equals("unaffected"));
            exit(bot);
            await().atMost(LineClient.TIMEOUT).until(() -> server.server().openConnections() == 1);
            named(server, "carol");
        }
    }

    @Nested
    class PerAddress {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.grpcPort = ServerConfig.ANY_FREE_PORT;
            config.maxConnectionsPerIp = 2;
        });

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws Exception {
            clients.close();
        }

        @Test
        void aCallOverItsAddressShareIsRefusedAndItsPlaceComesBackWhenACallEnds() throws Exception {
            GrpcClient first = call(server);
            first.await(ServerEvent::hasNamePrompt);
            named(server, "bot");

            assertRefused(call(server), "too many connections from your address");
            LineClient nc = clients.connect();
            nc.await("! too many connections from your address");
            nc.awaitEnd();
            assertThat(server.server().metrics())
                    .contains("roomchat_disconnects_total{reason=\"too_many_from_address\"} 2");

            // A call that is cancelled (its program gone) gives its place back.
            first.close();
            await().atMost(LineClient.TIMEOUT).until(() -> server.server().openConnections() == 1);
            clients.login("alice");
        }
    }

    @Nested
    class CallsPerConnection {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.grpcPort = ServerConfig.ANY_FREE_PORT;
            config.grpcMaxCallsPerConnection = 1;
        });

        @Test
        void aSecondCallOnOneConnectionWaitsUntilTheFirstEnds() throws Exception {
            ManagedChannel shared = GrpcClient.channelTo(server.server().grpcAddress());
            try {
                GrpcClient first = GrpcClient.on(shared);
                first.await(ServerEvent::hasNamePrompt);
                GrpcClient second = GrpcClient.on(shared);
                // A call on a connection of its own is served meanwhile; by then the second, started
                // before it, would have been too, were it not held back by the first's connection.
                GrpcClient other = call(server);
                other.await(ServerEvent::hasNamePrompt);
                assertThat(server.server().openConnections()).isEqualTo(2);
                assertThat(second.drained()).isEmpty();

                first.done();
                assertThat(first.awaitEnd().isOk()).isTrue();
                second.await(ServerEvent::hasNamePrompt);
            } finally {
                shared.shutdownNow().awaitTermination(LineClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** The flood rule, as on nc: the excess is dropped with one warning, a flood that goes on ends the call. */
    @Nested
    class Flood {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.grpcPort = ServerConfig.ANY_FREE_PORT;
            config.floodTimeout = Duration.ofSeconds(2);
        });

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws Exception {
            clients.close();
        }

        @Test
        void aSustainedFloodIsWarnedThenEndedWithNcsWordsAndTheOthersAreFine() throws Exception {
            GrpcClient flooder = named(server, "flooder");
            LineClient bob = clients.login("bob");
            ClientMessage spam = ClientMessage.newBuilder().setSay(Say.newBuilder().setText("spam")).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!flooder.ended() && System.nanoTime() < deadline) {
                flooder.send(spam);
            }

            assertThat(flooder.await(ServerEvent::hasError).getError().getText()).isEqualTo("slow down");
            ServerEvent last = flooder.await(ServerEvent::hasGoodbye);
            assertThat(last.getGoodbye().getText()).isEqualTo("disconnected: flooding");
            assertThat(flooder.awaitEnd().isOk()).isTrue();
            long warnings = flooder.drained().stream().filter(ServerEvent::hasError).count();
            // At most once a second, over the 2 s the flood lasted before it was ended (and a second's slack).
            assertThat(warnings).isBetween(1L, 4L);
            bob.await("[lobby] -- flooder has left");
            assertThat(server.server().metrics()).contains("roomchat_disconnects_total{reason=\"flooding\"} 1");
            GrpcClient calm = named(server, "calm");
            calm.send(ClientMessage.newBuilder().setSay(Say.newBuilder().setText("calm again")).build());
            bob.await("[lobby] calm: calm again");
        }
    }
}
