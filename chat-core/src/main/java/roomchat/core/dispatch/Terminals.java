package roomchat.core.dispatch;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Which channels show their lines on a terminal (nc), where the server wraps long lines itself
 * (see {@link roomchat.core.text.TerminalWrap}). A web page wraps lines on its own and gets them whole.
 */
public final class Terminals {

    private static final AttributeKey<Boolean> TERMINAL = AttributeKey.valueOf("roomchat.terminal");

    private Terminals() {
    }

    /** Records that {@code channel}'s lines are shown on a terminal. */
    public static void mark(Channel channel) {
        channel.attr(TERMINAL).set(Boolean.TRUE);
    }

    /** Whether {@code channel}'s lines are shown on a terminal. */
    public static boolean isTerminal(Channel channel) {
        return channel.hasAttr(TERMINAL);
    }
}
