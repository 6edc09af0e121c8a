package roomchat.server;

/** The names of the handlers in a connection's pipeline, from the socket up. */
public final class PipelineNames {

    /** Cuts the byte stream into lines, with a byte limit. */
    public static final String LINE_FRAMER = "lineFramer";
    /** Bytes of one line to a String. */
    public static final String UTF8_DECODER = "utf8Decoder";
    /** Outgoing Strings to UTF-8 bytes with a line end. */
    public static final String LINE_ENCODER = "lineEncoder";
    /** A String line to a chat line or a parsed command. */
    public static final String INPUT_DECODER = "lineToInput";
    /** The per-connection state: choosing a name, then chatting, then closing. */
    public static final String SESSION = "session";
    /** Failures while handling input, to one error line for the user. */
    public static final String ERROR_LINES = "errorLines";

    private PipelineNames() {
    }
}
