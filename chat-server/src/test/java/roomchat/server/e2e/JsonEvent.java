package roomchat.server.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object the server sent (docs/protocol.md, "JSON events"), read into maps, lists,
 * strings, longs, booleans and nulls, so that a test can check its type and fields. Fails on
 * anything that is not exactly one JSON object.
 */
final class JsonEvent {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonEvent() {
    }

    static Map<String, Object> parse(String text) {
        try (JsonParser json = FACTORY.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + text);
            }
            Map<String, Object> object = object(json);
            if (json.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value: " + text);
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** The type of {@code text}, or null when it is not a JSON object with one. */
    static String typeOf(String text) {
        try {
            return (String) parse(text).get("type");
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static Map<String, Object> object(JsonParser json) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            object.put(field, value(json));
        }
        return object;
    }

    private static Object value(JsonParser json) throws IOException {
        return switch (json.currentToken()) {
            case START_OBJECT -> object(json);
            case START_ARRAY -> array(json);
            case VALUE_STRING -> json.getText();
            case VALUE_NUMBER_INT -> json.getLongValue();
            case VALUE_TRUE, VALUE_FALSE -> json.getBooleanValue();
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + json.currentToken());
        };
    }

    private static List<Object> array(JsonParser json) throws IOException {
        List<Object> array = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(json));
        }
        return array;
    }
}
