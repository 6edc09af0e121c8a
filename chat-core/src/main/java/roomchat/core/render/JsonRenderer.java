package roomchat.core.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import roomchat.core.command.CommandWord;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Page;
import roomchat.core.room.RoomInfo;

/**
 * The JSON wording of every event and notice: one JSON object each, on one line, whose
 * {@code type} says what it is (docs/protocol.md, "JSON events"). A program builds its state from
 * the types and fields, never from text. Thread-safe.
 */
public final class JsonRenderer {

    /** The most names an {@code entered} event lists; {@code count} says how many there are in all. */
    public static final int MAX_NAMES_LISTED = 100;

    private static final JsonFactory FACTORY = new JsonFactory();

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonRenderer() {
    }

    /** {@code {"type":"said","room":"games","seq":7,"time":"…","from":"alice","text":"hi"}}, and so on. */
    public static String json(RoomEvent event) {
        return object(type(event.what()), json -> event(json, event));
    }

    private static void event(JsonGenerator json, RoomEvent event) throws IOException {
        json.writeStringField("room", event.room());
        json.writeNumberField("seq", event.seq());
        json.writeStringField("time", event.at() == null ? null : event.at().toString());
        json.writeStringField("from", event.actor());
        happening(json, event.what());
    }

    /** One JSON object for {@code notice}. */
    public static String json(Notice notice) {
        return object(type(notice), json -> notice(json, notice));
    }

    /**
     * The {@code type} of an event of this kind, as the JSON events name it (docs/protocol.md):
     * {@code said}, {@code action}, {@code relayed}, {@code joined}, {@code left}, {@code kicked},
     * {@code renamed}, {@code host}, {@code topic}, {@code lock}, {@code created}.
     */
    public static String type(Happening what) {
        if (what instanceof Happening.Acted) {
            return "action";
        } else if (what instanceof Happening.HostGranted) {
            return "host";
        } else if (what instanceof Happening.TopicChanged) {
            return "topic";
        } else if (what instanceof Happening.LockChanged) {
            return "lock";
        }
        return KEBAB_NAMES.get(what.getClass());
    }

    private static String type(Notice notice) {
        if (notice instanceof Notice.PrivateLine) {
            return "private";
        } else if (notice instanceof Notice.MembersPage) {
            return "members";
        } else if (notice instanceof Notice.RoomsPage) {
            return "rooms";
        }
        return KEBAB_NAMES.get(notice.getClass());
    }

    /** Each record's type name, worked out once per class: a regular expression compiled per event showed in a node's profile. */
    private static final ClassValue<String> KEBAB_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return kebab(type.getSimpleName());
        }
    };

    /** {@code NamePrompt} as {@code name-prompt}. */
    private static String kebab(String simpleName) {
        return simpleName.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Writes the fields of {@code what}, as the JSON events carry them, into the object {@code json} is in. */
    public static void happening(JsonGenerator json, Happening what) throws IOException {
        if (what instanceof Happening.Said said) {
            json.writeStringField("text", said.text());
        } else if (what instanceof Happening.Acted acted) {
            json.writeStringField("text", acted.action());
        } else if (what instanceof Happening.Relayed relayed) {
            json.writeStringField("fromRoom", relayed.fromRoom());
            json.writeStringField("text", relayed.text());
        } else if (what instanceof Happening.Left left) {
            json.writeStringField("reason", left.why().name().toLowerCase(Locale.ROOT));
        } else if (what instanceof Happening.Kicked kicked) {
            json.writeStringField("name", kicked.target());
        } else if (what instanceof Happening.Renamed renamed) {
            json.writeStringField("name", renamed.newName());
        } else if (what instanceof Happening.HostGranted granted) {
            json.writeStringField("name", granted.target());
        } else if (what instanceof Happening.TopicChanged topic) {
            json.writeStringField("topic", topic.topic());
        } else if (what instanceof Happening.LockChanged lock) {
            json.writeBooleanField("locked", lock.locked());
        }
        // Joined and Created say all in their type, room and actor.
    }

    private static void notice(JsonGenerator json, Notice notice) throws IOException {
        if (notice instanceof Notice.Info info) {
            json.writeStringField("text", info.text());
        } else if (notice instanceof Notice.Error error) {
            json.writeStringField("text", error.text());
        } else if (notice instanceof Notice.Welcome welcome) {
            json.writeNumberField("online", welcome.online());
        } else if (notice instanceof Notice.NamePrompt prompt) {
            json.writeStringField("rule", prompt.rule());
        } else if (notice instanceof Notice.Named named) {
            json.writeStringField("name", named.name());
        } else if (notice instanceof Notice.Entered entered) {
            entered(json, entered);
        } else if (notice instanceof Notice.AlreadyIn already) {
            json.writeStringField("room", already.room());
        } else if (notice instanceof Notice.NameChanged changed) {
            json.writeStringField("name", changed.name());
        } else if (notice instanceof Notice.KickedOut kicked) {
            json.writeStringField("room", kicked.room());
            json.writeStringField("by", kicked.by());
        } else if (notice instanceof Notice.PrivateLine line) {
            json.writeStringField("from", line.from());
            json.writeStringField("text", line.text());
        } else if (notice instanceof Notice.Sent sent) {
            json.writeStringField("to", sent.to());
        } else if (notice instanceof Notice.RoomsPage rooms) {
            rooms(json, rooms);
        } else if (notice instanceof Notice.MembersPage members) {
            members(json, members);
        } else if (notice instanceof Notice.WrongPasswords wrong) {
            json.writeNumberField("count", wrong.count());
            json.writeStringField("room", wrong.room());
            json.writeNumberField("minutes", wrong.minutes());
        } else if (notice instanceof Notice.Help) {
            help(json);
        } else if (notice instanceof Notice.Goodbye goodbye) {
            json.writeStringField("text", goodbye.why());
            json.writeBooleanField("comeBack", goodbye.comeBack());
        } else if (notice instanceof Notice.History history) {
            history(json, history);
        }
    }

    /**
     * {@code {"type":"history","room":"games","requested":false,"events":[{"type":"said",…},…]}}: on
     * entering, what follows is live; {@code requested}: the answer to {@code :history}, with
     * {@code "before":120} when it asked for the lines below seq 120.
     */
    private static void history(JsonGenerator json, Notice.History history) throws IOException {
        json.writeStringField("room", history.room());
        json.writeBooleanField("requested", history.requested());
        if (history.bounded()) {
            json.writeNumberField("before", history.before());
        }
        json.writeArrayFieldStart("events");
        for (RoomEvent event : history.events()) {
            json.writeStartObject();
            json.writeStringField("type", type(event.what()));
            event(json, event);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void entered(JsonGenerator json, Notice.Entered entered) throws IOException {
        json.writeStringField("room", entered.room());
        List<String> company = entered.company();
        json.writeArrayFieldStart("members");
        for (String name : company.subList(0, Math.min(company.size(), MAX_NAMES_LISTED))) {
            json.writeString(name);
        }
        json.writeEndArray();
        json.writeNumberField("count", entered.companySize());
        json.writeStringField("topic", entered.topic());
        json.writeBooleanField("created", entered.created());
    }

    private static void rooms(JsonGenerator json, Notice.RoomsPage rooms) throws IOException {
        json.writeArrayFieldStart("rooms");
        for (RoomInfo room : rooms.rooms()) {
            json.writeStartObject();
            json.writeStringField("name", room.name());
            json.writeNumberField("members", room.memberCount());
            json.writeBooleanField("locked", room.locked());
            json.writeStringField("topic", room.topic());
            json.writeEndObject();
        }
        json.writeEndArray();
        page(json, rooms.page(), rooms.total());
    }

    private static void members(JsonGenerator json, Notice.MembersPage page) throws IOException {
        RoomInfo room = page.room();
        json.writeStringField("room", room.name());
        json.writeArrayFieldStart("members");
        for (String name : room.members()) {
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeBooleanField("host", room.hosts().contains(name));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("topic", room.topic());
        json.writeBooleanField("locked", room.locked());
        page(json, page.page(), room.memberCount());
    }

    private static void page(JsonGenerator json, Page page, int total) throws IOException {
        json.writeNumberField("total", total);
        json.writeNumberField("page", page.number());
        json.writeNumberField("pages", page.pagesFor(total));
    }

    private static void help(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("commands");
        for (CommandWord command : CommandWord.values()) {
            json.writeStartObject();
            json.writeStringField("usage", command.usage());
            json.writeStringField("description", command.description());
            json.writeArrayFieldStart("aliases");
            for (String alias : command.aliases()) {
                json.writeString(alias);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static String object(String type, Fields fields) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", type);
            fields.write(json);
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }
}
