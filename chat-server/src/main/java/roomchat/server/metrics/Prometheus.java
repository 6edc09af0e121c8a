package roomchat.server.metrics;

/** Writes metrics in Prometheus' text format: a header, then one sample or one per label. */
public final class Prometheus {

    private Prometheus() {
    }

    /** A metric with one unlabelled sample. */
    public static void single(StringBuilder out, String name, String type, String help, long value) {
        header(out, name, type, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    /** A metric with one labelled sample. */
    public static void sample(StringBuilder out, String name, String type, String help, String label, String value, long count) {
        header(out, name, type, help);
        sample(out, name, label, value, count);
    }

    /** The lines that name and explain a metric. */
    public static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One labelled sample of a metric whose header was written. */
    public static void sample(StringBuilder out, String name, String label, String value, long count) {
        out.append(name).append('{').append(label).append("=\"").append(value).append("\"} ").append(count).append('\n');
    }
}
