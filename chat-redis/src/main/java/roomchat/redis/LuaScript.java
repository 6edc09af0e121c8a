package roomchat.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script of the cluster, read from the class path ({@code roomchat/redis/<name>.lua}) and
 * run atomically in Redis by its digest (EVALSHA); when Redis answers NOSCRIPT (it restarted and
 * forgot its script cache) the script is sent whole (EVAL), which caches it again.
 *
 * <p>What the script returns arrives as Lettuce's {@link ScriptOutputType#MULTI} makes it: always a
 * {@code List<Object>}, holding a table's elements, or the one value returned. In it a Lua number
 * is a {@link Long}, a string a {@link String}, a nested table a {@code List<Object>}, {@code nil}
 * and {@code false} null (a table ends at its first nil), {@code true} {@code 1L}. Each script
 * knows the shape it returns. Thread-safe; the stage completes on a Lettuce I/O thread.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;
    private final RedisAsyncCommands<String, String> commands;

    LuaScript(String name, RedisAsyncCommands<String, String> commands) {
        this.name = name;
        this.source = load(name);
        this.sha = sha1(source);
        this.commands = commands;
    }

    /** The script's name: its resource without {@code .lua}. */
    public String name() {
        return name;
    }

    /**
     * Runs the script on {@code keys} with {@code args}. The stage fails with
     * {@link roomchat.core.broker.Broker.Unavailable} whenever Redis could not run it, and with the
     * script's own error when it raised one on purpose ({@link RedisFailures#DELIBERATE_PREFIX}).
     */
    public CompletionStage<List<Object>> eval(List<String> keys, List<String> args) {
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        CompletionStage<List<Object>> run = commands.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keyArray, argArray)
                .exceptionallyCompose(failure -> {
                    if (RedisFailures.unwrap(failure) instanceof RedisNoScriptException) {
                        return commands.<List<Object>>eval(source, ScriptOutputType.MULTI, keyArray, argArray);
                    }
                    return CompletableFuture.failedStage(failure);
                });
        return RedisFailures.guard(run);
    }

    private static String load(String name) {
        String resource = "roomchat/redis/" + name + ".lua";
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no script " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("can't read " + resource, e);
        }
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
