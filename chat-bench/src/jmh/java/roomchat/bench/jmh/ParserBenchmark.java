package roomchat.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import roomchat.core.command.Input;
import roomchat.core.command.InputParser;

/** Turning one typed line into an Input: plain chat, a short command, a command with free text. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {

    private final InputParser parser = new InputParser();

    @Benchmark
    public Input chatLine() {
        return parser.parse("anyone up for a game of chess tonight?").orElseThrow();
    }

    @Benchmark
    public Input changeRoom() {
        return parser.parse(":cr games").orElseThrow();
    }

    @Benchmark
    public Input messageRoom() {
        return parser.parse(":erm games:hunter2 be right there, five minutes").orElseThrow();
    }
}
