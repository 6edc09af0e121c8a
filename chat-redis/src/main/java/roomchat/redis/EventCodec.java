package roomchat.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import roomchat.core.event.Happening;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.RoomEvent;
import roomchat.core.render.JsonRenderer;

/**
 * The wire form of a room's events, as stored in its stream and published on its channel:
 * {@code <seq> <epoch millis> <json>}. The JSON, written before the event is ordered, says
 * {@code room}, {@code actor}, {@code origin} (member ref), {@code type} and the happening's fields;
 * the number and time are put in front by the script that orders it ({@code publish.lua}), which
 * alone knows them. Decoding gives back exactly what was encoded. Thread-safe.
 */
public final class EventCodec {

    private static final JsonFactory FACTORY = new JsonFactory();

    private EventCodec() {
    }

    /** The JSON of {@code draft}, caused by the member with ref {@code originRef} (null: none). */
    public static String json(RoomEvent draft, String originRef) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("room", draft.room());
            json.writeStringField("actor", draft.actor());
            json.writeStringField("origin", originRef);
            // The happening as the JSON door writes it: one vocabulary for both.
            json.writeStringField("type", JsonRenderer.type(draft.what()));
            JsonRenderer.happening(json, draft.what());
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    /** The wire form of an ordered event: what {@code publish.lua} makes of {@link #json}. */
    public static String wire(long seq, long epochMillis, String json) {
        return seq + " " + epochMillis + " " + json;
    }

    /**
     * The event in {@code wire}.
     *
     * @throws IllegalArgumentException if it is not the wire form of an event
     */
    public static WireEvent decode(String wire) {
        int first = wire.indexOf(' ');
        int second = first < 0 ? -1 : wire.indexOf(' ', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("not an event: " + wire);
        }
        try {
            long seq = Long.parseLong(wire, 0, first, 10);
            Instant at = Instant.ofEpochMilli(Long.parseLong(wire, first + 1, second, 10));
            Map<String, Object> fields = parse(wire.substring(second + 1));
            RoomEvent event = new RoomEvent((String) fields.get("room"), seq, at, (String) fields.get("actor"), null,
                    happening(fields));
            return new WireEvent(event, (String) fields.get("origin"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an event: " + wire, e);
        }
    }

    private static Happening happening(Map<String, Object> fields) {
        String type = (String) fields.get("type");
        return switch (type) {
            case "said" -> new Happening.Said(text(fields, "text"));
            case "action" -> new Happening.Acted(text(fields, "text"));
            case "relayed" -> new Happening.Relayed(text(fields, "fromRoom"), text(fields, "text"));
            case "joined" -> new Happening.Joined();
            case "left" -> new Happening.Left(LeaveReason.valueOf(text(fields, "reason").toUpperCase(Locale.ROOT)));
            case "kicked" -> new Happening.Kicked(text(fields, "name"));
            case "renamed" -> new Happening.Renamed(text(fields, "name"));
            case "host" -> new Happening.HostGranted(text(fields, "name"));
            case "topic" -> new Happening.TopicChanged((String) fields.get("topic"));
            case "lock" -> new Happening.LockChanged((Boolean) fields.get("locked"));
            case "created" -> new Happening.Created();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    /** A field that must be there. */
    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("no " + name);
        }
        return text;
    }

    /** The flat object's fields: strings, booleans, or null. */
    private static Map<String, Object> parse(String json) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                    fields.put(name, value == JsonToken.VALUE_TRUE);
                } else if (value == JsonToken.VALUE_NULL) {
                    fields.put(name, null);
                } else {
                    throw new IllegalArgumentException("unexpected " + value + " for " + name);
                }
            }
        }
        return fields;
    }
}
