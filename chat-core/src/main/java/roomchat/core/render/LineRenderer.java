package roomchat.core.render;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import roomchat.core.command.CommandWord;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Page;
import roomchat.core.room.RoomInfo;

/**
 * The line protocol's wording of every event and notice, in one place: docs/protocol.md quotes
 * these. Each line is without its line end.
 *
 * <p>Which lines are the server's: a line that starts with {@link #NOTICE} or {@link #ERROR} goes to
 * one user and starts with fixed words (names and text come only after them). Every line of a room
 * starts with the room in brackets, then either {@code name: text} (chat), {@code name@room: text}
 * (a line from another room), {@link #ACTION} (an action), or {@link #ROOM_NOTICE} and fixed words
 * or a name (the server's notice about the room); private lines start with {@code [dm] }. A name
 * has no spaces and chat puts {@code :} right after it, so no user can make a line that starts
 * {@code [room] -- }, and no action can equal a notice.
 */
public final class LineRenderer {

    /** The start of a notice line. */
    public static final String NOTICE = "* ";
    /** The start of an error line. */
    public static final String ERROR = "! ";
    /** What follows a room's bracket on the server's notice about that room: {@code [games] -- bob has joined}. */
    public static final String ROOM_NOTICE = "-- ";
    /** What follows a room's bracket on an action line: {@code [games] * alice waves}. */
    public static final String ACTION = "* ";
    /** The most names an arrival lists; a bigger room's arrival says how many others there are. */
    public static final int MAX_NAMES_LISTED = 20;
    /** The longest topic {@code :rooms} shows, in characters; a longer one is cut and ends with an ellipsis. */
    public static final int MAX_TOPIC_LISTED = 60;

    /** The notice that ends a replay of a room's history to a newcomer. */
    public static final String LIVE_CHAT_STARTS = NOTICE + "live chat starts";

    /** The notice that ends the answer to {@code :history}. */
    public static final String HISTORY_ENDS = NOTICE + "end of history";

    private static final DateTimeFormatter HISTORY_TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** Lines asked for with {@code :history} may be days old: they carry their date. */
    private static final DateTimeFormatter HISTORY_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    /** A renderer that shows the times of history in {@code zone}. */
    public LineRenderer(ZoneId zone) {
        this.zone = zone;
    }

    /** A notice line. */
    public static String notice(String text) {
        return NOTICE + text;
    }

    /** An error line. */
    public static String error(String text) {
        return ERROR + text;
    }

    /** The line every member of the room sees for {@code event}; null when the line protocol shows none. */
    public static String line(RoomEvent event) {
        String bracket = "[" + event.room() + "] ";
        Happening what = event.what();
        String actor = event.actor();
        if (what instanceof Happening.Said said) {
            return bracket + actor + ": " + said.text();
        } else if (what instanceof Happening.Acted acted) {
            return bracket + ACTION + actor + " " + acted.action();
        } else if (what instanceof Happening.Relayed relayed) {
            return bracket + actor + "@" + relayed.fromRoom() + ": " + relayed.text();
        }
        String text = roomNotice(actor, what);
        return text == null ? null : bracket + ROOM_NOTICE + text;
    }

    /** {@code 14:02 [room] alice: hi}: a kept event replayed from history. */
    public String historyLine(RoomEvent event) {
        return HISTORY_TIME.format(event.at().atZone(zone)) + " " + line(event);
    }

    /** The words after {@code [room] -- }, or null for an event the line protocol does not show. */
    private static String roomNotice(String actor, Happening what) {
        if (what instanceof Happening.Joined) {
            return actor + " has joined";
        } else if (what instanceof Happening.Left) {
            return actor + " has left";
        } else if (what instanceof Happening.Kicked kicked) {
            return kicked.target() + " was kicked by " + actor;
        } else if (what instanceof Happening.Renamed renamed) {
            return actor + " is now known as " + renamed.newName();
        } else if (what instanceof Happening.HostGranted granted) {
            return granted.target() + " is now a host";
        } else if (what instanceof Happening.TopicChanged topic) {
            return actor + (topic.topic() == null ? " cleared the topic" : " set the topic: " + topic.topic());
        } else if (what instanceof Happening.LockChanged lock) {
            return actor + (lock.locked() ? " locked the room" : " unlocked the room");
        }
        // Created: its creator is told in its own words, and nobody else is there yet.
        return null;
    }

    /** The lines that tell one member {@code notice}, in order. */
    public List<String> lines(Notice notice) {
        if (notice instanceof Notice.History history) {
            return history(history);
        } else if (notice instanceof Notice.Entered entered) {
            return entered(entered);
        } else if (notice instanceof Notice.RoomsPage rooms) {
            return rooms(rooms);
        } else if (notice instanceof Notice.MembersPage members) {
            return members(members);
        } else if (notice instanceof Notice.Help) {
            return HELP;
        }
        return List.of(line(notice));
    }

    /** The one line of a notice that is one line. */
    private static String line(Notice notice) {
        if (notice instanceof Notice.Info info) {
            return notice(info.text());
        } else if (notice instanceof Notice.Error failure) {
            return error(failure.text());
        } else if (notice instanceof Notice.Welcome welcome) {
            return notice("welcome to roomchat, " + welcome.online() + " online");
        } else if (notice instanceof Notice.NamePrompt prompt) {
            return notice("choose a screen name (" + prompt.rule() + ")");
        } else if (notice instanceof Notice.Named) {
            return notice("type :h for help, :e to leave");
        } else if (notice instanceof Notice.AlreadyIn already) {
            return notice("you are already in " + already.room());
        } else if (notice instanceof Notice.NameChanged changed) {
            return notice("you are now " + changed.name());
        } else if (notice instanceof Notice.KickedOut kicked) {
            return notice("you were kicked from " + kicked.room() + " by " + kicked.by());
        } else if (notice instanceof Notice.PrivateLine line) {
            return "[dm] " + line.from() + ": " + line.text();
        } else if (notice instanceof Notice.Sent sent) {
            return notice("sent to " + sent.to());
        } else if (notice instanceof Notice.WrongPasswords wrong) {
            return notice(wrong.count() + " wrong passwords tried for " + wrong.room() + " in the last "
                    + wrong.minutes() + " minutes");
        } else if (notice instanceof Notice.Goodbye goodbye) {
            return notice(goodbye.why());
        }
        throw new IllegalArgumentException("no wording for " + notice);
    }

    /**
     * {@code * 2025-06-01 14:02 [room] alice: hi}: a line asked for with {@code :history}, marked as a
     * notice to the asker, so that nobody takes it for live chat.
     */
    public String requestedHistoryLine(RoomEvent event) {
        return notice(HISTORY_DATE_TIME.format(event.at().atZone(zone)) + " " + line(event));
    }

    /**
     * Each event kept, with its time, then {@code * live chat starts}; the answer to {@code :history}:
     * a heading, each line with its date and time, then {@code * end of history}.
     */
    private List<String> history(Notice.History history) {
        if (history.requested()) {
            return requestedHistory(history);
        }
        List<String> lines = new ArrayList<>(history.events().size() + 1);
        history.events().forEach(event -> lines.add(historyLine(event)));
        lines.add(LIVE_CHAT_STARTS);
        return lines;
    }

    private List<String> requestedHistory(Notice.History history) {
        int count = history.events().size();
        if (count == 0) {
            return List.of(notice("no history in " + history.room() + (history.bounded() ? " before #" + history.before() : "")));
        }
        List<String> lines = new ArrayList<>(count + 2);
        String which = count == 1 ? "line" : count + " lines";
        lines.add(notice("history of " + history.room() + ", the last " + which
                + (history.bounded() ? " before #" + history.before() : "") + ":"));
        history.events().forEach(event -> lines.add(requestedHistoryLine(event)));
        lines.add(HISTORY_ENDS);
        return lines;
    }

    private static List<String> entered(Notice.Entered entered) {
        List<String> lines = new ArrayList<>(3);
        if (entered.created()) {
            lines.add(notice("created " + entered.room()));
        }
        lines.add(youAreIn(entered.room(), entered.company(), entered.companySize()));
        if (entered.topic() != null) {
            lines.add(notice("topic: " + entered.topic()));
        }
        return lines;
    }

    /** Where a member is now and who else is there: the first arrivals by name, then a count. */
    private static String youAreIn(String room, List<String> company, int companySize) {
        if (companySize == 0) {
            return notice("you are in " + room + ", nobody else is here");
        }
        int listed = Math.min(company.size(), MAX_NAMES_LISTED);
        if (companySize <= listed) {
            return notice("you are in " + room + " with " + String.join(", ", company));
        }
        int others = companySize - listed;
        return notice("you are in " + room + " with " + String.join(", ", company.subList(0, listed))
                + " and " + others + (others == 1 ? " other" : " others"));
    }

    private static List<String> rooms(Notice.RoomsPage rooms) {
        if (rooms.rooms().isEmpty()) {
            return List.of(noSuchPage(rooms.page(), rooms.total()));
        }
        List<String> lines = new ArrayList<>(rooms.rooms().size() + 2);
        lines.add(notice("rooms (" + rooms.total() + "):"));
        rooms.rooms().forEach(room -> lines.add(roomEntry(room)));
        addFooter(lines, rooms.page(), rooms.total(), ":rooms");
        return lines;
    }

    /** {@code games: 2 members, locked, topic: friday}, one room in {@code :rooms}. */
    private static String roomEntry(RoomInfo room) {
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

    /** {@code in games: alice (host), bob}, the answer to {@code :who}. */
    private static List<String> members(Notice.MembersPage page) {
        RoomInfo room = page.room();
        if (room.members().isEmpty()) {
            return List.of(noSuchPage(page.page(), room.memberCount()));
        }
        List<String> names = new ArrayList<>(room.members().size());
        for (String name : room.members()) {
            names.add(room.hosts().contains(name) ? name + " (host)" : name);
        }
        List<String> lines = new ArrayList<>(2);
        lines.add(notice("in " + room.name() + ": " + String.join(", ", names)));
        addFooter(lines, page.page(), room.memberCount(), ":who");
        return lines;
    }

    /** Adds {@code page 1 of 4 (:rooms 2 for the next)} after a page that is not the whole list. */
    private static void addFooter(List<String> lines, Page page, int total, String command) {
        int pages = page.pagesFor(total);
        if (pages > 1) {
            String next = page.number() < pages ? " (" + command + " " + (page.number() + 1) + " for the next)" : "";
            lines.add(notice("page " + page.number() + " of " + pages + next));
        }
    }

    /** The answer to a page past the end of a list. */
    private static String noSuchPage(Page page, int total) {
        int pages = page.pagesFor(total);
        return error("no page " + page.number() + ": there " + (pages == 1 ? "is 1" : "are " + pages));
    }

    private static String shortened(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars - 1)) + "\u2026";
    }

    private static final List<String> HELP = help();

    /** The answer to {@code :h}, written from the command table so that it can't fall behind it. */
    private static List<String> help() {
        int width = 0;
        for (CommandWord command : CommandWord.values()) {
            width = Math.max(width, command.usage().length());
        }
        List<String> lines = new ArrayList<>();
        lines.add(notice("commands (any other line is chat for your room; start it with :: to begin it with :)"));
        for (CommandWord command : CommandWord.values()) {
            String aliases = command.aliases().isEmpty() ? "" : " (also :" + String.join(", :", command.aliases()) + ")";
            String usage = command.usage();
            lines.add(notice("  " + usage + " ".repeat(width - usage.length()) + "  " + command.description() + aliases));
        }
        return List.copyOf(lines);
    }
}
