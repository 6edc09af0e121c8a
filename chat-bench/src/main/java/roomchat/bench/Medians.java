package roomchat.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Medians of one figure over several runs, for a table that single noisy runs would mislead. */
final class Medians {

    private Medians() {
    }

    /** The median of {@code figure} over {@code runs} (the mean of the middle two for an even count); null if any run lacks it. */
    static <T> Double of(List<T> runs, Function<T, ? extends Number> figure) {
        double[] values = new double[runs.size()];
        for (int i = 0; i < values.length; i++) {
            Number value = figure.apply(runs.get(i));
            if (value == null) {
                return null;
            }
            values[i] = value.doubleValue();
        }
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
