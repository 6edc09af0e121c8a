package roomchat.redis;

import java.util.List;

/** The table a cluster script returned: a status word, then values, read by position. */
record ScriptReply(List<Object> values) {

    /** The reply of a script that returns a table. */
    @SuppressWarnings("unchecked")
    static ScriptReply of(Object reply) {
        return new ScriptReply((List<Object>) reply);
    }

    /** The status word, first in the table. */
    String status() {
        return text(0);
    }

    String text(int index) {
        Object value = values.get(index);
        return value == null ? null : value.toString();
    }

    /** The text at {@code index}, or null where the script sent "" for none. */
    String textOrNull(int index) {
        String text = text(index);
        return text == null || text.isEmpty() ? null : text;
    }

    long number(int index) {
        Object value = values.get(index);
        return value instanceof Long number ? number : Long.parseLong(value.toString());
    }

    int size() {
        return values.size();
    }

    /** The texts from {@code index} on. */
    List<String> textsFrom(int index) {
        return values.subList(Math.min(index, values.size()), values.size()).stream().map(Object::toString).toList();
    }
}
