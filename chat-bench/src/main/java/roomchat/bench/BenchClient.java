package roomchat.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One simulated user, speaking the protocol as nc does. It logs in and joins a room through
 * {@link #expect}, then hands every benchmark line it receives to its {@link Receiver}.
 * <b>Threads:</b> everything here runs on the connection's event loop, except {@link #expect}.
 */
final class BenchClient extends SimpleChannelInboundHandler<String> {

    /**
     * Gets the benchmark lines a client receives, {@code b <phase> <sender> <seq> <sentNanos>}, with the
     * receiving client's index in the run. Called on that client's event loop.
     */
    interface Receiver {
        void line(int client, int phase, int sender, int seq, long sentNanos);

        /** Parses the benchmark line that starts at {@code from} in {@code line} (after its {@code b }) and takes it. */
        default void parse(int client, String line, int from) {
            int a = line.indexOf(' ', from);
            int b = line.indexOf(' ', a + 1);
            int c = line.indexOf(' ', b + 1);
            line(client, Integer.parseInt(line, from, a, 10), Integer.parseInt(line, a + 1, b, 10),
                    Integer.parseInt(line, b + 1, c, 10), Long.parseLong(line, c + 1, line.length(), 10));
        }
    }

    private static final String PAYLOAD = ": b ";

    final String name;
    final int index;
    private final Receiver receiver;
    private volatile Channel channel;
    private volatile Predicate<String> awaited;
    private volatile CompletableFuture<String> arrival;

    BenchClient(String name, int index, Receiver receiver) {
        this.name = name;
        this.index = index;
        this.receiver = receiver;
    }

    Channel channel() {
        return channel;
    }

    /** Completes with the first line from now on that matches. One expectation at a time. */
    CompletableFuture<String> expect(Predicate<String> line) {
        CompletableFuture<String> future = new CompletableFuture<>();
        arrival = future;
        awaited = line;
        return future;
    }

    /** Sends a line; returns at once. */
    void send(String line) {
        channel.writeAndFlush(line);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        CompletableFuture<String> pending = arrival;
        if (pending != null) {
            pending.completeExceptionally(new IllegalStateException(name + ": the server closed the connection"));
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        int payload = line.indexOf(PAYLOAD);
        if (payload > 0 && line.startsWith("[")) {
            receiver.parse(index, line, payload + PAYLOAD.length());
            return;
        }
        Predicate<String> wanted = awaited;
        if (wanted != null && wanted.test(line)) {
            awaited = null;
            arrival.complete(line);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
