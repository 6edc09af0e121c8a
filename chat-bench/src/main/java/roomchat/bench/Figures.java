package roomchat.bench;

import java.util.Locale;

/** How the side-by-side tables write their figures, the same in each. */
final class Figures {

    private Figures() {
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    /** CPU per delivery; "n/a" when the process could not be measured. */
    static String micros(Double micros) {
        return micros == null ? "n/a" : String.format(Locale.ROOT, "%.3f µs", micros);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
