package roomchat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * How the tool's clients speak to what they measure: the chat's own protocol ({@link ChatDialect}),
 * or Redis pub/sub as the reference beside it ({@link RedisDialect}). {@link LoadRun} drives either
 * with the same load loop; only the wire differs. Every benchmark line carries
 * {@code b <phase> <sender> <seq> <sentNanos>}, whatever wraps it.
 *
 * <p><b>Threads:</b> {@link #join} and {@link #senderChannel} run on the measuring thread and block
 * until the connection is ready; {@link #message} runs on the sender's event loop.
 */
interface Dialect {

    /** One receiving client of a room: its name, its index in the run, its room, and whether it made the room. */
    record Member(String name, int index, int room, boolean creator) {
    }

    /** A label for reports: what the clients are speaking to. */
    String label();

    /**
     * Connects {@code member} to {@code address} and returns its channel once it is in its room and
     * every benchmark line of the room will reach {@code receiver}.
     */
    Channel join(Bootstrap bootstrap, InetSocketAddress address, Member member, BenchClient.Receiver receiver)
            throws Exception;

    /** The channel the sender that is {@code member} writes on: its own connection, or one more beside it. */
    Channel senderChannel(Bootstrap bootstrap, InetSocketAddress address, Member member, Channel memberChannel)
            throws Exception;

    /** What to write on {@code channel} so that {@code line} reaches everyone in {@code room}. */
    Object message(Channel channel, int room, String line);

    /** Whether a sender's lines also reach its own member (Redis: yes, the publisher is another connection). */
    boolean echoesOwnLines();
}
