package roomchat.core.room;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelMatcher;
import io.netty.channel.group.ChannelMatchers;

/**
 * One line for the members of one room, already worded, without its line end.
 *
 * @param line   the text every recipient sees
 * @param except the channel that must not receive it (the sender of a chat line), or null for none
 */
public record RoomMessage(String line, Channel except) {

    /** A line for every member of the room. */
    public static RoomMessage toAll(String line) {
        return new RoomMessage(line, null);
    }

    /** A line for every member of the room but {@code sender}. */
    public static RoomMessage toOthers(String line, Member sender) {
        return new RoomMessage(line, sender.channel());
    }

    /** Which of the room's channels receive it. */
    public ChannelMatcher recipients() {
        return except == null ? ChannelMatchers.all() : ChannelMatchers.isNot(except);
    }
}
