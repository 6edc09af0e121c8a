package roomchat.core.dispatch;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * What a connection speaks, kept on its channel: which rendering of a room's events it gets. A run
 * of events is encoded once per format its recipients speak, never per recipient.
 */
public enum Format {
    /** The line protocol, each line whole (a web page or a program wraps lines itself). */
    LINES,
    /** The line protocol on a terminal (nc): lines too wide are wrapped by the server ({@link roomchat.core.text.TerminalWrap}). */
    TERMINAL,
    /** One JSON object per event or notice ({@link roomchat.core.render.JsonRenderer}). */
    JSON;

    private static final AttributeKey<Format> KEY = AttributeKey.valueOf("roomchat.format");

    /** Records that {@code channel} speaks this format. */
    public void markOn(Channel channel) {
        channel.attr(KEY).set(this);
    }

    /** What {@code channel} speaks: {@link #LINES} unless told otherwise. */
    public static Format of(Channel channel) {
        Format format = channel.attr(KEY).get();
        return format == null ? LINES : format;
    }
}
