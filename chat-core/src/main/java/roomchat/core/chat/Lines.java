package roomchat.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.Page;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.room.RoomInfo;

/**
 * The wording of every line the server sends, in one place: docs/protocol.md quotes these.
 *
 * <p>Which lines are the server's: a line that starts with {@link #NOTICE} or {@link #ERROR} goes to
 * one user and starts with fixed words (names and text come only after them). Every line a user
 * causes in a room starts with the room in brackets, then either {@code name: text} (chat),
 * {@code name@room: text} (a line from another room), {@link #ACTION} (an action), or
 * {@link #ROOM_NOTICE} and fixed words (the server's notice about the room); private lines start
 * with {@code [dm] }. A name has no spaces and chat puts {@code :} right after it, so no user can
 * make a line that starts {@code [room] -- }, and no action can equal a notice.
 */
public final class Lines {

    /** The start of a notice line. */
    public static final String NOTICE = "* ";

    /** The start of an error line. */
    public static final String ERROR = "! ";

    /** What follows a room's bracket on the server's notice about that room: {@code [games] -- bob has joined}. */
    public static final String ROOM_NOTICE = "-- ";

    /** What follows a room's bracket on an action line: {@code [games] * alice waves}. */
    public static final String ACTION = "* ";

    private Lines() {
    }

    /** A notice line. */
    public static String notice(String text) {
        return NOTICE + text;
    }

    /** An error line. */
    public static String error(String text) {
        return ERROR + text;
    }

    /** {@code [room] name: text}, a chat line as the room sees it. */
    public static String chat(Room room, Member sender, String text) {
        return bracket(room) + sender.name() + ": " + text;
    }

    /** {@code [target] name@room: text}, a line sent into another room with {@code :erm}. */
    public static String relayed(Room target, Member sender, Room senderRoom, String text) {
        return bracket(target) + sender.name() + "@" + senderRoom.name() + ": " + text;
    }

    /** {@code [dm] name: text}, a private line as its recipient sees it. */
    public static String privateLine(Member sender, String text) {
        return "[dm] " + sender.name() + ": " + text;
    }

    /** {@code [room] * name does something}, an action line as the room sees it. */
    public static String action(Room room, Member actor, String action) {
        return bracket(room) + ACTION + actor.name() + " " + action;
    }

    /** {@code [room] -- text}, the server's notice to a room; {@code text} starts with fixed words or a name. */
    static String roomNotice(Room room, String text) {
        return bracket(room) + ROOM_NOTICE + text;
    }

    private static String bracket(Room room) {
        return "[" + room.name() + "] ";
    }

    /** The prompt for a screen name. */
    public static String namePrompt() {
        return notice("choose a screen name (" + NameRules.SCREEN_NAME_RULE + ")");
    }

    /** Why {@code name} can't be had, without the {@link #ERROR} prefix: it is taken, or too like a name in use. */
    static String nameRefused(String name, NameChange refusal) {
        if (refusal instanceof NameChange.TooLike like) {
            return "name " + name + " is too like " + like.existing();
        }
        return "name " + name + " is taken";
    }

    /** The most names a welcome lists; a bigger room's welcome says how many others there are. */
    public static final int MAX_NAMES_LISTED = 20;

    /** Where a member is now and who else is there: the first arrivals by name, then a count. */
    public static String youAreIn(Room room, List<String> company) {
        if (company.isEmpty()) {
            return notice("you are in " + room.name() + ", nobody else is here");
        }
        if (company.size() <= MAX_NAMES_LISTED) {
            return notice("you are in " + room.name() + " with " + String.join(", ", company));
        }
        return notice("you are in " + room.name() + " with " + String.join(", ", company.subList(0, MAX_NAMES_LISTED))
                + " and " + (company.size() - MAX_NAMES_LISTED) + (company.size() - MAX_NAMES_LISTED == 1 ? " other" : " others"));
    }

    static String topic(String topic) {
        return notice("topic: " + topic);
    }

    static String joined(Member member, Room room) {
        return roomNotice(room, member.name() + " has joined");
    }

    static String left(Member member, Room room) {
        return roomNotice(room, member.name() + " has left");
    }

    /** What the room a member was kicked from is told. */
    static String kicked(Member member, Room room, Member host) {
        return roomNotice(room, member.name() + " was kicked by " + host.name());
    }

    /** What the kicked member is told: fixed words first, so the host's name can't pass for the server's. */
    static String kickedYou(Room room, Member host) {
        return notice("you were kicked from " + room.name() + " by " + host.name());
    }

    static String newHost(Member member, Room room) {
        return roomNotice(room, member.name() + " is now a host");
    }

    static String renamed(Room room, String oldName, String newName) {
        return roomNotice(room, oldName + " is now known as " + newName);
    }

    static String locked(Room room, Member host, boolean locked) {
        return roomNotice(room, host.name() + (locked ? " locked the room" : " unlocked the room"));
    }

    /** A topic set, or cleared when {@code topic} is null. */
    static String topicChanged(Room room, Member host, String topic) {
        return roomNotice(room, host.name() + (topic == null ? " cleared the topic" : " set the topic: " + topic));
    }

    /** {@code * 5 wrong passwords tried for games in the last 10 minutes}, to the room's hosts. */
    static String wrongPasswords(int count, Room room, int minutes) {
        return notice(count + " wrong passwords tried for " + room.name() + " in the last " + minutes + " minutes");
    }

    static String noSuchUser(String name) {
        return error("no user named " + name);
    }

    /** The longest topic {@code :rooms} shows, in characters; a longer one is cut and ends with an ellipsis. */
    public static final int MAX_TOPIC_LISTED = 60;

    /** {@code games: 2 members, locked, topic: friday}, one room in {@code :rooms}. */
    static String roomEntry(RoomInfo room) {
        int count = room.memberCount();
        StringBuilder entry = new StringBuilder("  ").append(room.name()).append(": ")
                .append(count).append(count == 1 ? " member" : " members");
        if (room.locked()) {
            entry.append(", locked");
        }
        if (room.topic() != null) {
            entry.append(", topic: ").append(shortened(room.topic(), MAX_TOPIC_LISTED));
        }
        return notice(entry.toString());
    }

    /** {@code page 1 of 4 (:rooms 2 for the next)}, after a page that is not the whole list; empty otherwise. */
    static Optional<String> pageFooter(Page page, int total, String command) {
        int pages = page.pagesFor(total);
        if (pages == 1) {
            return Optional.empty();
        }
        String next = page.number() < pages ? " (" + command + " " + (page.number() + 1) + " for the next)" : "";
        return Optional.of(notice("page " + page.number() + " of " + pages + next));
    }

    /** The answer to a page past the end of a list. */
    static String noSuchPage(Page page, int total) {
        int pages = page.pagesFor(total);
        return error("no page " + page.number() + ": there " + (pages == 1 ? "is 1" : "are " + pages));
    }

    private static String shortened(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars - 1)) + "\u2026";
    }

    /** {@code in games: alice (host), bob}, the answer to {@code :who}. */
    static String who(RoomInfo room) {
        List<String> names = new ArrayList<>(room.members().size());
        for (String name : room.members()) {
            names.add(room.hosts().contains(name) ? name + " (host)" : name);
        }
        return notice("in " + room.name() + ": " + String.join(", ", names));
    }
}
