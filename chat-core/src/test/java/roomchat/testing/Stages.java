package roomchat.testing;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for what a registry or the chat service answers, for tests. */
public final class Stages {

    /** Longest a test waits for an answer that comes over the network. */
    private static final long TIMEOUT_SECONDS = 10;

    private Stages() {
    }

    /** The answer of {@code stage}, waiting for it if it is not in yet; its failure rethrown unchecked. */
    public static <T> T done(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("no answer in " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
