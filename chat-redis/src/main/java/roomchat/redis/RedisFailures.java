package roomchat.redis;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.broker.Broker;

/**
 * How a call to Redis fails, as the rest of the server sees it: whatever went wrong on the way
 * (connection refused or lost, commands rejected while disconnected, a timeout, an error Redis
 * returned) is {@link Broker.Unavailable}, and the cause goes to the debug log. Only the errors a
 * script raises on purpose, whose message starts with {@link #DELIBERATE_PREFIX}, and failures
 * that already are the broker's own ({@link Broker.NotInRoom}, {@link Broker.Unavailable}) pass
 * as they are.
 */
public final class RedisFailures {

    /** A script's error that means an answer, not a failure: {@code redis.error_reply('RC_WHATEVER …')}. */
    public static final String DELIBERATE_PREFIX = "RC_";

    private static final Logger log = LoggerFactory.getLogger(RedisFailures.class);

    private RedisFailures() {
    }

    /** {@code stage}, failing with {@link Broker.Unavailable} whenever Redis could not answer it. */
    public static <T> CompletionStage<T> guard(CompletionStage<T> stage) {
        CompletableFuture<T> guarded = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                guarded.complete(value);
            } else {
                guarded.completeExceptionally(translate(failure));
            }
        });
        return guarded;
    }

    /** The failure callers see for {@code failure}. */
    public static RuntimeException translate(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof Broker.Unavailable || cause instanceof Broker.NotInRoom || isDeliberate(cause)) {
            return (RuntimeException) cause;
        }
        log.debug("Redis call failed", cause);
        return new Broker.Unavailable("Redis is unavailable (" + cause.getClass().getSimpleName() + ")");
    }

    /** The failure inside the wrappers futures put around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isDeliberate(Throwable cause) {
        return cause instanceof RedisCommandExecutionException
                && cause.getMessage() != null
                && cause.getMessage().startsWith(DELIBERATE_PREFIX);
    }
}
