package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;
import roomchat.v1.ChangeRoom;
import roomchat.v1.ClientMessage;
import roomchat.v1.Say;
import roomchat.v1.ServerEvent;

/**
 * Bad input on the gRPC door: the sender gets a typed error with its stream still usable, or its call
 * or connection is closed cleanly; the nc users in the lobby go on chatting either way.
 */
class GrpcBadInputEndToEndTest {

    private static final int MAX_LINE = 1024;
    /** Over the line limit but under what gRPC itself accepts (the limit plus the door's overhead). */
    private static final int OVER_THE_LINE_LIMIT = MAX_LINE + 200;
    /** Over what gRPC accepts for one message at all. */
    private static final int OVER_GRPC_LIMIT = MAX_LINE * 8;
    private static final int RANDOM_BYTES = 64 * 1024;
    private static final long RANDOM_SEED = 14;
    /** HTTP/2's connection preface (RFC 9113, 3.4), sent before the garbage in one case. */
    private static final String HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> {
        config.grpcPort = ServerConfig.ANY_FREE_PORT;
        config.maxLineBytes = MAX_LINE;
    });

    private final Clients clients = new Clients(server);
    private LineClient alice;
    private LineClient bob;
    private GrpcClient bot;

    @BeforeEach
    void ncUsersInTheLobby() throws IOException, InterruptedException {
        alice = clients.login("alice");
        bob = clients.login("bob");
    }

    @AfterEach
    void closeClients() throws IOException, InterruptedException {
        clients.close();
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void anEmptyNameGetsATypedErrorAndTheNextNameIsTaken() throws Exception {
        bot = prompted();
        bot.send(ClientMessage.newBuilder().setName("").build());
        assertThat(bot.await(ServerEvent::hasError).getError().getText()).startsWith("invalid name");
        claim("bot");
        ncUsersStillChat("after an empty name");
    }

    @Test
    void aCommandBeforeTheNameGetsATypedErrorAndTheNextNameIsTaken() throws Exception {
        bot = prompted();
        bot.send(ClientMessage.newBuilder().setChangeRoom(ChangeRoom.newBuilder().setRoom("lobby")).build());
        bot.await(ServerEvent::hasError);
        claim("bot");
        ncUsersStillChat("after a command before the name");
    }

    @Test
    void aMessageOverTheLineLimitGetsATypedErrorAndTheNextOneIsSaid() throws Exception {
        bot = prompted();
        claim("bot");
        bot.send(say("x".repeat(OVER_THE_LINE_LIMIT)));
        assertThat(bot.await(ServerEvent::hasError).getError().getText()).contains("too long");
        bot.send(say("still here"));
        alice.await("[lobby] bot: still here");
        assertThat(alice.passed()).noneMatch(line -> line.contains("xxxx"));
        ncUsersStillChat("after an oversized message");
    }

    @Test
    void aMessageOverGrpcsOwnLimitEndsTheCallAndTheMemberLeaves() throws Exception {
        bot = prompted();
        claim("bot");
        bot.send(say("x".repeat(OVER_GRPC_LIMIT)));
        // grpc-java's server resets the stream (CANCEL) when a message is over its limit; the client sees
        // CANCELLED, not the RESOURCE_EXHAUSTED the server logs: either is a clean end of this call only.
        assertThat(bot.awaitEnd().getCode()).isIn(Status.Code.CANCELLED, Status.Code.RESOURCE_EXHAUSTED);
        alice.await("[lobby] -- bot has left");
        assertThat(alice.passed()).noneMatch(line -> line.contains("xxxx"));
        ncUsersStillChat("after a message gRPC refused");
    }

    @Test
    void randomBytesOnTheGrpcPortAreClosedAndTheServerGoesOn() throws Exception {
        byte[] garbage = new byte[RANDOM_BYTES];
        new Random(RANDOM_SEED).nextBytes(garbage);
        assertClosedAfter(garbage);

        byte[] preface = HTTP2_PREFACE.getBytes(StandardCharsets.US_ASCII);
        byte[] afterPreface = new byte[preface.length + RANDOM_BYTES];
        System.arraycopy(preface, 0, afterPreface, 0, preface.length);
        System.arraycopy(garbage, 0, afterPreface, preface.length, RANDOM_BYTES);
        assertClosedAfter(afterPreface);

        ncUsersStillChat("after random bytes on the gRPC port");
        bot = prompted();
        claim("bot");
        alice.await("[lobby] -- bot has joined");
    }

    private GrpcClient prompted() throws InterruptedException {
        GrpcClient client = GrpcClient.connect(server.server().grpcAddress());
        client.await(ServerEvent::hasNamePrompt);
        return client;
    }

    private void claim(String name) throws InterruptedException {
        bot.send(ClientMessage.newBuilder().setName(name).build());
        bot.await(event -> event.hasNamed() && event.getNamed().getName().equals(name));
    }

    private static ClientMessage say(String text) {
        return ClientMessage.newBuilder().setSay(Say.newBuilder().setText(text)).build();
    }

    private void ncUsersStillChat(String when) throws IOException, InterruptedException {
        alice.send("alice " + when);
        bob.await("[lobby] alice: alice " + when);
        bob.send("bob " + when);
        alice.await("[lobby] bob: bob " + when);
    }

    /**
     * Writes {@code bytes} to the gRPC port and reads until the server closes the connection (end of
     * stream or a reset); whatever it sends before (a GOAWAY) is skipped. Fails if it stays open.
     */
    private void assertClosedAfter(byte[] bytes) throws IOException {
        InetSocketAddress grpc = server.server().grpcAddress();
        try (Socket socket = new Socket()) {
            socket.connect(grpc, (int) LineClient.TIMEOUT.toMillis());
            socket.setSoTimeout((int) LineClient.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(bytes);
                out.flush();
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                    // what the server says before closing (a GOAWAY frame) does not matter here
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the gRPC port kept a connection open after garbage", e);
            } catch (IOException closedByServer) {
                // A reset (the server closed with our bytes unread, or while we still wrote): closed.
            }
        }
    }
}
