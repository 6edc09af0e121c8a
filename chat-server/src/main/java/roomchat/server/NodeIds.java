package roomchat.server;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Node ids for a cluster's nodes started without {@code --node-id}: random, short, and never reused. */
final class NodeIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeIds() {
    }

    /** A new id such as {@code node-3f9a0c21}. */
    static String generate() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "node-" + HexFormat.of().formatHex(bytes);
    }
}
