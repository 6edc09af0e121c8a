package roomchat.core.room;

import io.netty.channel.Channel;

/**
 * One line for the members of one room, already worded, without its line end.
 *
 * @param line   the text every recipient sees
 * @param except the channel that must not receive it (the sender of a chat line), or null for none
 * @param kept   whether the line goes into the room's history (what was said, not who came and went)
 */
public record RoomMessage(String line, Channel except, boolean kept) implements Delivery {

    /** A notice for every member of the room; not kept in history. */
    public static RoomMessage toAll(String line) {
        return new RoomMessage(line, null, false);
    }

    /** A notice for every member of the room but {@code subject}; not kept in history. */
    public static RoomMessage toOthers(String line, Member subject) {
        return new RoomMessage(line, subject.channel(), false);
    }

    /** Something {@code sender} said, for everyone else in the room, and kept in its history. */
    public static RoomMessage said(String line, Member sender) {
        return new RoomMessage(line, sender.channel(), true);
    }
}
