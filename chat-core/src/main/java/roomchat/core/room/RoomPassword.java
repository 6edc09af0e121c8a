package roomchat.core.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A room's password, kept only as a salted SHA-256 digest, and compared in constant time so that
 * the time an answer takes says nothing about how close a guess was.
 */
final class RoomPassword {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;

    private final byte[] salt = new byte[SALT_BYTES];
    private final byte[] digest;

    RoomPassword(String password) {
        RANDOM.nextBytes(salt);
        this.digest = digest(password);
    }

    boolean matches(String guess) {
        return MessageDigest.isEqual(digest, digest(guess));
    }

    private byte[] digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
