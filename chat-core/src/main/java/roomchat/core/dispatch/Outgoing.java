package roomchat.core.dispatch;

import io.netty.channel.Channel;
import java.util.List;

/**
 * Something a {@link LoopOutbox} writes on its event loop, in the order it was handed over: a run of
 * a room's lines ({@link LoopBatch}) or what a member hears on entering a room ({@link Admission}).
 */
interface Outgoing {

    /** Writes, without flushing; on the channels' event loop. */
    void write();

    /** The channels {@link #write} wrote to, each to be flushed once the turn's writes are done. */
    List<Channel> channels();

    /** Gives back what it holds; called once, after {@link #write} or instead of it. */
    void release();
}
