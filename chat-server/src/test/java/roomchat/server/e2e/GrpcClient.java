package roomchat.server.e2e;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import roomchat.v1.ChatGrpc;
import roomchat.v1.ClientMessage;
import roomchat.v1.ServerEvent;

/**
 * A program on the gRPC door, through the stubs generated from chat.proto: it sends messages and
 * awaits the events it is sent, keeping those it passed by. Its events arrive on gRPC's threads and
 * are handed over through a queue; the rest is the test's thread's.
 */
final class GrpcClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final StreamObserver<ClientMessage> requests;
    private final BlockingQueue<ServerEvent> arrived = new LinkedBlockingQueue<>();
    private final List<ServerEvent> passed = new ArrayList<>();

    private GrpcClient(InetSocketAddress server) {
        channel = NettyChannelBuilder.forAddress(server).usePlaintext().build();
        requests = ChatGrpc.newStub(channel).session(new StreamObserver<>() {
            @Override
            public void onNext(ServerEvent event) {
                arrived.add(event);
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onCompleted() {
            }
        });
    }

    /** A session on the gRPC door at {@code server}. */
    static GrpcClient connect(InetSocketAddress server) {
        return new GrpcClient(server);
    }

    void send(ClientMessage message) {
        requests.onNext(message);
    }

    /** The first event from now on that {@code wanted} matches; fails after {@link LineClient#TIMEOUT}. */
    ServerEvent await(Predicate<ServerEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + LineClient.TIMEOUT.toNanos();
        while (true) {
            ServerEvent event = arrived.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no such event within " + LineClient.TIMEOUT + "; passed: " + passed);
            }
            passed.add(event);
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Every event awaited past so far. */
    List<ServerEvent> passed() {
        return passed;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(LineClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
