package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ChatServer;
import roomchat.server.ServerConfig;
import roomchat.v1.ClientMessage;
import roomchat.v1.Exit;
import roomchat.v1.ServerEvent;

/**
 * gRPC calls as the server counts and ends connections: they are in {@code /metrics} under
 * {@code transport="grpc"} and in the disconnects by reason, and when the server shuts down or the
 * cluster lets its members go they get the same goodbye as nc users, typed, as their last event.
 */
class GrpcGoodbyesEndToEndTest {

    /** Calls made by a test, closed after it. */
    private final List<GrpcClient> calls = new ArrayList<>();

    @AfterEach
    void closeCalls() throws InterruptedException {
        for (GrpcClient call : calls) {
            call.close();
        }
    }

    private GrpcClient greeted(ChatServer server) throws InterruptedException {
        GrpcClient call = GrpcClient.connect(server.grpcAddress());
        calls.add(call);
        call.await(ServerEvent::hasNamePrompt);
        return call;
    }

    private GrpcClient named(ChatServer server, String name) throws InterruptedException {
        GrpcClient call = greeted(server);
        call.send(ClientMessage.newBuilder().setName(name).build());
        call.await(ServerEvent::hasNamed);
        return call;
    }

    /** {@code call} is told {@code words} in a goodbye that invites it back, its last event, and the call ends. */
    private static void assertToldAndEnded(GrpcClient call, String words) throws InterruptedException {
        ServerEvent goodbye = call.await(ServerEvent::hasGoodbye);
        assertThat(goodbye.getGoodbye().getText()).isEqualTo(words);
        assertThat(goodbye.getGoodbye().getComeBack()).isTrue();
        assertThat(call.awaitEnd().isOk()).isTrue();
        List<ServerEvent> all = call.drained();
        assertThat(all.get(all.size() - 1)).as("the last event").isEqualTo(goodbye);
    }

    @Nested
    class OneServer {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> config.grpcPort = ServerConfig.ANY_FREE_PORT);

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws Exception {
            clients.close();
        }

        @Test
        void callsAreOpenConnectionsAndTheirEndsAreCountedByReason() throws Exception {
            ChatServer chat = server.server();
            assertThat(chat.metrics()).contains("roomchat_connections{transport=\"grpc\"} 0");
            GrpcClient bot = named(chat, "bot");
            GrpcClient unnamed = greeted(chat);
            clients.login("alice");
            assertThat(chat.metrics())
                    .contains("roomchat_connections{transport=\"grpc\"} 2")
                    .contains("roomchat_connections{transport=\"tcp\"} 1");

            bot.send(ClientMessage.newBuilder().setExit(Exit.getDefaultInstance()).build());
            assertThat(bot.awaitEnd().isOk()).isTrue();
            unnamed.close();
            await().atMost(LineClient.TIMEOUT).until(() -> chat.metrics().contains("roomchat_connections{transport=\"grpc\"} 0"));
            assertThat(chat.metrics())
                    .contains("roomchat_disconnects_total{reason=\"quit\"} 1")
                    .contains("roomchat_disconnects_total{reason=\"closed_by_client\"} 1");
            assertThat(chat.openConnections()).isEqualTo(1);
        }

        @Test
        void shuttingDownTellsEveryCallAsItTellsNcUsers() throws Exception {
            ChatServer chat = server.server();
            LineClient alice = clients.login("alice");
            GrpcClient bot = named(chat, "bot");
            GrpcClient unnamed = greeted(chat);

            chat.close();
            alice.await("* server shutting down");
            assertToldAndEnded(bot, "server shutting down");
            assertToldAndEnded(unnamed, "server shutting down");
            assertThat(chat.metrics()).contains("roomchat_disconnects_total{reason=\"shutdown\"} 3");
        }
    }

    @Nested
    class Cluster {

        @RegisterExtension
        final RunningCluster cluster = new RunningCluster(1, config -> config.grpcPort = ServerConfig.ANY_FREE_PORT);

        @Test
        void aNodeThatLostTheClusterLetsItsGrpcMembersGoAsItsNcUsers() throws Exception {
            ChatServer node = cluster.node(0);
            GrpcClient bot = named(node, "bot");
            GrpcClient unnamed = greeted(node);

            cluster.restartRedisEmpty();
            assertToldAndEnded(bot, "this server lost touch with the chat's cluster");
            await().atMost(LineClient.TIMEOUT)
                    .until(() -> node.metrics().contains("roomchat_disconnects_total{reason=\"cluster_lost\"} 1"));

            // A call without a member had nothing to lose: it goes on, and may take the name now.
            unnamed.send(ClientMessage.newBuilder().setName("bot").build());
            unnamed.await(ServerEvent::hasNamed);
            assertThat(unnamed.ended()).isFalse();
        }
    }
}
