package roomchat.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import roomchat.core.event.Notice;

/**
 * What one node tells another about one of the other's members, on that node's channel
 * ({@link RedisKeys#nodeChannel}): a notice to deliver to it (a private line, a warning about
 * wrong passwords), or that a host kicked it out of a room, which its own node then carries out.
 * Written as one JSON object.
 *
 * @param to     the ref of the member it is about
 * @param notice the notice to deliver, or null for a kick
 * @param kickedFrom the room it was kicked out of, for a kick
 * @param kickedBy   the host who kicked it, for a kick
 */
record NodeMessage(String to, Notice notice, String kickedFrom, String kickedBy) {

    private static final JsonFactory JSON = new JsonFactory();

    /** A notice for member {@code to}. Only private lines and wrong-password warnings travel. */
    static NodeMessage notice(String to, Notice notice) {
        if (!(notice instanceof Notice.PrivateLine) && !(notice instanceof Notice.WrongPasswords)) {
            throw new IllegalArgumentException("not a notice for another node: " + notice);
        }
        return new NodeMessage(to, notice, null, null);
    }

    /** Member {@code to} was kicked out of {@code room} by {@code by}. */
    static NodeMessage kick(String to, String room, String by) {
        return new NodeMessage(to, null, room, by);
    }

    /** This message as JSON. */
    String encode() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("to", to);
            if (notice instanceof Notice.PrivateLine line) {
                json.writeStringField("kind", "private");
                json.writeStringField("from", line.from());
                json.writeStringField("text", line.text());
            } else if (notice instanceof Notice.WrongPasswords wrong) {
                json.writeStringField("kind", "wrong-passwords");
                json.writeNumberField("count", wrong.count());
                json.writeStringField("room", wrong.room());
                json.writeNumberField("minutes", wrong.minutes());
            } else {
                json.writeStringField("kind", "kicked");
                json.writeStringField("room", kickedFrom);
                json.writeStringField("by", kickedBy);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The message {@code text} encodes; IllegalArgumentException if it is none. */
    static NodeMessage decode(String text) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a node message: " + text);
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                fields.put(field, json.getValueAsString());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a node message: " + text, e);
        }
        String to = fields.get("to");
        return switch (String.valueOf(fields.get("kind"))) {
            case "private" -> notice(to, new Notice.PrivateLine(fields.get("from"), fields.get("text")));
            case "wrong-passwords" -> notice(to, new Notice.WrongPasswords(Integer.parseInt(fields.get("count")),
                    fields.get("room"), Integer.parseInt(fields.get("minutes"))));
            case "kicked" -> kick(to, fields.get("room"), fields.get("by"));
            default -> throw new IllegalArgumentException("not a node message: " + text);
        };
    }
}
