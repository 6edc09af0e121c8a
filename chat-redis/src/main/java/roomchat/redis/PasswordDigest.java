package roomchat.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import roomchat.core.name.NameRules;

/**
 * What a cluster keeps of a room's password: a SHA-256 digest salted with the room's key, so Redis
 * never holds the password and a digest says nothing about another room's. The room scripts
 * compare digests, which lets a guess be checked in the same atomic step as the entry it allows.
 */
final class PasswordDigest {

    private PasswordDigest() {
    }

    /** The digest of {@code password} for room {@code roomName}, in hex; "" for no password. */
    static String of(String roomName, String password) {
        if (password == null) {
            return "";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("roomchat room password\0" + NameRules.key(roomName) + "\0").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
