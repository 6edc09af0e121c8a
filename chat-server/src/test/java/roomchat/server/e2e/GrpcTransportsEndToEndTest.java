package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ChatServer;
import roomchat.server.ServerConfig;
import roomchat.v1.ClientMessage;
import roomchat.v1.Say;
import roomchat.v1.ServerEvent;

/**
 * The gRPC door's HTTP/2 connections themselves, apart from their calls: bounded by the connection
 * limits at accept, and closed when they carry no call for the name timeout, so that connections
 * that never start a call cost the server a bounded amount.
 */
class GrpcTransportsEndToEndTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable each : opened) {
            each.close();
        }
    }

    private RawClient raw(ChatServer server) throws Exception {
        RawClient raw = RawClient.connect(server.grpcAddress());
        opened.add(raw);
        return raw;
    }

    private GrpcClient call(ChatServer server) {
        GrpcClient call = GrpcClient.connect(server.grpcAddress());
        opened.add(call);
        return call;
    }

    private static void awaitMetric(ChatServer server, String sample) {
        await().atMost(LineClient.TIMEOUT).until(() -> server.metrics().contains(sample));
    }

    private static long metric(ChatServer server, String name) {
        return server.metrics().lines().filter(line -> line.startsWith(name + " "))
                .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1))).findFirst().orElseThrow();
    }

    @Nested
    class PerAddress {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.grpcPort = ServerConfig.ANY_FREE_PORT;
            config.grpcMaxTransportsPerIp = 2;
        });

        @Test
        void connectionsOverTheAddressShareAreClosedAtAcceptAndTheirPlacesComeBack() throws Exception {
            ChatServer chat = server.server();
            RawClient first = raw(chat);
            RawClient second = raw(chat);
            awaitMetric(chat, "roomchat_grpc_transports 2");

            RawClient third = raw(chat);
            assertThat(third.awaitEnd()).as("nothing is said to a connection refused at accept").isEmpty();
            GrpcClient refused = call(chat);
            assertThat(refused.awaitEnd().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            // The raw connection and (at least) the gRPC client's attempt.
            assertThat(metric(chat, "roomchat_grpc_transports_refused_total")).isGreaterThanOrEqualTo(2);

            first.close();
            second.close();
            awaitMetric(chat, "roomchat_grpc_transports 0");
            GrpcClient bot = call(chat);
            bot.await(ServerEvent::hasNamePrompt);
            assertThat(chat.metrics()).contains("roomchat_grpc_transports 1");
        }
    }

    @Nested
    class Idle {

        @RegisterExtension
        final RunningServer server = new RunningServer(config -> {
            config.grpcPort = ServerConfig.ANY_FREE_PORT;
            config.nameTimeout = Duration.ofSeconds(1);
        });

        private final Clients clients = new Clients(server);

        @AfterEach
        void disconnect() throws Exception {
            clients.close();
        }

        @Test
        void aConnectionWithoutACallIsClosedAfterTheNameTimeoutOneWithACallIsNot() throws Exception {
            ChatServer chat = server.server();
            LineClient alice = clients.login("alice");
            GrpcClient bot = call(chat);
            bot.await(ServerEvent::hasNamePrompt);
            bot.send(ClientMessage.newBuilder().setName("bot").build());
            bot.await(ServerEvent::hasNamed);

            RawClient silent = raw(chat);
            silent.awaitEnd();

            // The silent connection went after its second; the named call's connection, as old, did not.
            bot.send(ClientMessage.newBuilder().setSay(Say.newBuilder().setText("still here")).build());
            alice.await("[lobby] bot: still here");
            assertThat(bot.ended()).isFalse();
        }
    }
}
