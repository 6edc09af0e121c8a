package roomchat.server.session;

/** Recognises a failure that comes from a memory allocation (direct buffers included), however it was wrapped. */
final class OutOfMemory {

    /** How deep a cause chain is searched: wrappers are a few levels deep at most. */
    private static final int MAX_DEPTH = 8;

    private OutOfMemory() {
    }

    static boolean caused(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
