package roomchat.core.limit;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's memory of wrong room passwords, which slows down guessing them however the guesser
 * connects. A guess is one {@code :cr} or {@code :erm} that gives a password; two rules decide
 * whether it may be made now:
 *
 * <ul>
 *   <li><b>Per address and room</b> ({@link GuessThrottle}): after the n-th wrong guess from an
 *       address for a room, that address's next guess for it waits 2^(n-1) s, at most 30 s; the
 *       count is forgotten ten minutes after its last wrong guess. Reconnecting changes nothing:
 *       the count belongs to the address, not the connection. An address has one guess for a room
 *       checked at a time.</li>
 *   <li><b>Per room, from every address together</b>: a room takes at most {@code roomPerMinute}
 *       wrong guesses a minute, in bursts of as many (a token bucket). While its allowance is
 *       spent, every guess for it waits, whoever makes it, so guessing from many addresses is no
 *       faster than the room allows. Members already in the room never guess, so they are not
 *       affected; the right password gets in once the wait is over.</li>
 * </ul>
 *
 * <p>A guess that is allowed is held open ({@link Guess}) while the password is checked, and counts
 * against both rules from the start, so that two event loops can't both take the last of an
 * allowance; closed without {@link Guess#wrong()}, it counts for nothing. When a room's wrong
 * guesses in the last {@value #WINDOW_MINUTES} minutes reach 5, 20 or 100,
 * {@link Guess#wrong()} returns that count so the room's hosts can be told (each level at most once
 * per {@value #WINDOW_MINUTES} minutes).
 *
 * <p><b>Memory:</b> an entry (an address and a room, about 270 bytes, or a room, about 290) is
 * kept while it matters: it is dropped {@value #WINDOW_MINUTES} minutes after it was last used,
 * or at once when its guess was not wrong and it remembers nothing. At most {@link #MAX_PAIRS}
 * pairs and {@link #MAX_ROOMS} rooms are kept (about 30 MB if both were full); beyond that, the
 * least recently used entry is forgotten (and a warning logged), which resets that address's or
 * room's count and nothing else.
 *
 * <p><b>Thread-safe:</b> one instance serves every event loop. One lock guards both maps and every
 * entry; each call holds it for a few map operations and never for I/O, for the password check, or
 * while hosts are told.
 */
public final class GuessLedger {

    private static final Logger log = LoggerFactory.getLogger(GuessLedger.class);

    /** Wrong guesses a room takes in a minute, and at once, from all addresses together, unless told otherwise. */
    public static final int ROOM_GUESSES_PER_MINUTE = 10;
    /** The most (address, room) pairs kept: every address guessing at every locked room, in practice. */
    public static final int MAX_PAIRS = 100_000;
    /** The most rooms kept: no server holds so many locked rooms guessed at within ten minutes. */
    public static final int MAX_ROOMS = 10_000;
    /** The span over which a room's wrong guesses are counted for its hosts, and entries kept. */
    public static final int WINDOW_MINUTES = 10;
    /** The counts of wrong guesses in the last {@link #WINDOW_MINUTES} at which a room's hosts are told. */
    private static final int[] TELL_HOSTS_AT = {5, 20, 100};

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long WINDOW = TimeUnit.MINUTES.toNanos(WINDOW_MINUTES);
    /** An address and room with a guess being checked wait this long for their next one. */
    private static final long ONE_AT_A_TIME = SECOND;

    private final Object lock = new Object();
    /** By (address, room key), least recently used first. Guarded by lock. */
    private final LinkedHashMap<Pair, PairGuesses> pairs = new LinkedHashMap<>(16, 0.75f, true);
    /** By room key, least recently used first. Guarded by lock. */
    private final LinkedHashMap<String, RoomGuesses> rooms = new LinkedHashMap<>(16, 0.75f, true);
    private final int roomPerMinute;
    private final int roomBurst;
    private final int maxPairs;
    private final int maxRooms;
    private final LongSupplier nanoTime;
    /** When the last "full" warning was logged, if any. Guarded by lock. */
    private long warnedFullAt;
    private boolean warnedFull;

    /** A ledger with the documented limits, on {@link System#nanoTime()}. */
    public GuessLedger() {
        this(ROOM_GUESSES_PER_MINUTE);
    }

    /** A ledger whose rooms take {@code roomPerMinute} wrong guesses a minute (0: no limit per room). */
    public GuessLedger(int roomPerMinute) {
        this(roomPerMinute, MAX_PAIRS, MAX_ROOMS, System::nanoTime);
    }

    /**
     * A ledger whose rooms take {@code roomPerMinute} wrong guesses a minute, in bursts of as many
     * (0: no limit per room), keeping at most {@code maxPairs} (address, room) pairs and
     * {@code maxRooms} rooms, on the clock {@code nanoTime}.
     */
    public GuessLedger(int roomPerMinute, int maxPairs, int maxRooms, LongSupplier nanoTime) {
        if (roomPerMinute < 0 || maxPairs < 1 || maxRooms < 1) {
            throw new IllegalArgumentException("need roomPerMinute >= 0, maxPairs >= 1 and maxRooms >= 1");
        }
        this.roomPerMinute = roomPerMinute;
        this.roomBurst = Math.max(1, roomPerMinute);
        this.maxPairs = maxPairs;
        this.maxRooms = maxRooms;
        this.nanoTime = nanoTime;
    }

    /**
     * Starts a guess by {@code address} at the password of the room whose key is {@code roomKey}:
     * either one to wait for ({@link Guess#secondsToWait()} above 0, nothing recorded), or one that
     * may be made now and must be closed once the password is checked.
     */
    public Guess start(InetAddress address, String roomKey) {
        synchronized (lock) {
            long now = nanoTime.getAsLong();
            forgetUnused(now);
            Pair key = new Pair(address, roomKey);
            PairGuesses pair = pairs.get(key);
            RoomGuesses room = rooms.get(roomKey);
            long wait = 0;
            if (pair != null) {
                pair.lastUsed = now;
                wait = pair.checking ? ONE_AT_A_TIME : pair.throttle.nanosToWait(now);
            }
            if (room != null) {
                room.lastUsed = now;
                wait = Math.max(wait, room.nanosToWait(now));
            }
            if (wait > 0) {
                return new Guess(null, null, null, null, wholeSeconds(wait));
            }
            if (pair == null) {
                makeRoomIn(pairs, maxPairs, "(address, room) pairs");
                pair = new PairGuesses(now);
                pairs.put(key, pair);
            }
            if (room == null) {
                makeRoomIn(rooms, maxRooms, "rooms");
                room = new RoomGuesses(now);
                rooms.put(roomKey, room);
            }
            pair.checking = true;
            room.checking++;
            return new Guess(this, key, pair, room, 0);
        }
    }

    /** How many (address, room) pairs and rooms are remembered now. */
    int[] size() {
        synchronized (lock) {
            return new int[] {pairs.size(), rooms.size()};
        }
    }

    /**
     * One guess at a room's password. Used by the one thread that started it; close it once the
     * password has been checked (closing again does nothing).
     */
    public static final class Guess implements AutoCloseable {

        /** A guess that was never subject to the ledger: no password was given. */
        public static final Guess FREE = new Guess(null, null, null, null, 0);

        private final GuessLedger ledger;
        private final Pair key;
        private final PairGuesses pair;
        private final RoomGuesses room;
        private final long secondsToWait;
        private boolean closed;

        private Guess(GuessLedger ledger, Pair key, PairGuesses pair, RoomGuesses room, long secondsToWait) {
            this.ledger = ledger;
            this.key = key;
            this.pair = pair;
            this.room = room;
            this.secondsToWait = secondsToWait;
        }

        /** Seconds (rounded up) before a guess may be made; 0 when this one may be made now. */
        public long secondsToWait() {
            return secondsToWait;
        }

        /**
         * Records that the password was wrong, and closes the guess.
         *
         * @return the room's wrong guesses in the last {@value GuessLedger#WINDOW_MINUTES} minutes
         *         when its hosts should be told of them now, else 0
         */
        public int wrong() {
            if (ledger == null || closed) {
                return 0;
            }
            closed = true;
            return ledger.settle(this, true);
        }

        /** Ends the guess; unless {@link #wrong()} was called, it counts for nothing. */
        @Override
        public void close() {
            if (ledger != null && !closed) {
                closed = true;
                ledger.settle(this, false);
            }
        }
    }

    private int settle(Guess guess, boolean wrong) {
        synchronized (lock) {
            long now = nanoTime.getAsLong();
            PairGuesses pair = guess.pair;
            RoomGuesses room = guess.room;
            pair.checking = false;
            room.checking--;
            pair.lastUsed = now;
            room.lastUsed = now;
            if (wrong) {
                pair.throttle.wrong(now);
                return room.wrong(now);
            }
            if (!pair.throttle.remembers(now)) {
                pairs.remove(guess.key, pair);
            }
            if (!room.everWrong && room.checking == 0) {
                rooms.remove(guess.key.room(), room);
            }
            return 0;
        }
    }

    /** Caller holds lock. Drops the entries unused for long enough, least recently used first. */
    private void forgetUnused(long now) {
        for (Iterator<PairGuesses> it = pairs.values().iterator(); it.hasNext(); ) {
            PairGuesses pair = it.next();
            if (pair.checking || now - pair.lastUsed < WINDOW) {
                break;
            }
            it.remove();
        }
        for (Iterator<RoomGuesses> it = rooms.values().iterator(); it.hasNext(); ) {
            RoomGuesses room = it.next();
            if (room.checking > 0 || now - room.lastUsed < WINDOW) {
                break;
            }
            it.remove();
        }
    }

    /**
     * Caller holds lock. Makes room for one more entry in a full map by forgetting its least
     * recently used entry, unless that one has a guess being checked (then the map goes over by one
     * for a moment).
     */
    private <K, V extends Entry> void makeRoomIn(LinkedHashMap<K, V> map, int most, String what) {
        if (map.size() < most) {
            return;
        }
        Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
        if (eldest.hasNext() && !eldest.next().getValue().isChecking()) {
            eldest.remove();
        }
        long now = nanoTime.getAsLong();
        if (!warnedFull || now - warnedFullAt >= WINDOW) {
            warnedFull = true;
            warnedFullAt = now;
            log.warn("password guesses: {} {} remembered, the most kept; forgetting the least recently used",
                    most, what);
        }
    }

    /** Whole seconds in {@code nanos}, rounded up. */
    static long wholeSeconds(long nanos) {
        return (nanos + SECOND - 1) / SECOND;
    }

    /** Whom a {@link PairGuesses} is about. */
    private record Pair(InetAddress address, String room) {
    }

    private interface Entry {
        boolean isChecking();
    }

    /** One address's guesses at one room's password. Guarded by the ledger's lock. */
    private static final class PairGuesses implements Entry {
        final GuessThrottle throttle = new GuessThrottle();
        long lastUsed;
        boolean checking;

        PairGuesses(long now) {
            lastUsed = now;
        }

        @Override
        public boolean isChecking() {
            return checking;
        }
    }

    /** Every address's guesses at one room's password. Guarded by the ledger's lock. */
    private final class RoomGuesses implements Entry {
        /** Wrong guesses the room may still take now; may be fractional. */
        double allowance = roomBurst;
        long refilledAt;
        long lastUsed;
        /** Guesses being checked, each holding one unit of the allowance. */
        int checking;
        boolean everWrong;
        /** Wrong guesses by minute, for the last {@link #WINDOW_MINUTES}: the minute, and its count. */
        final long[] minutes = new long[WINDOW_MINUTES];
        final int[] counts = new int[WINDOW_MINUTES];
        /** When the hosts were last told of each level of {@link #TELL_HOSTS_AT}, and whether ever. */
        final long[] toldAt = new long[TELL_HOSTS_AT.length];
        final boolean[] told = new boolean[TELL_HOSTS_AT.length];

        RoomGuesses(long now) {
            refilledAt = now;
            lastUsed = now;
        }

        @Override
        public boolean isChecking() {
            return checking > 0;
        }

        long nanosToWait(long now) {
            if (roomPerMinute == 0) {
                return 0;
            }
            refill(now);
            double missing = 1 + checking - allowance;
            return missing <= 0 ? 0 : (long) Math.ceil(missing * MINUTE / roomPerMinute);
        }

        /** Records a wrong guess at {@code now}: the count to tell the hosts, or 0. */
        int wrong(long now) {
            everWrong = true;
            if (roomPerMinute > 0) {
                refill(now);
                allowance -= 1;
            }
            long minute = Math.floorDiv(now, MINUTE);
            int slot = (int) Math.floorMod(minute, (long) WINDOW_MINUTES);
            if (minutes[slot] != minute || counts[slot] == 0) {
                minutes[slot] = minute;
                counts[slot] = 0;
            }
            counts[slot]++;
            int inWindow = 0;
            for (int i = 0; i < WINDOW_MINUTES; i++) {
                if (counts[i] > 0 && minute - minutes[i] < WINDOW_MINUTES) {
                    inWindow += counts[i];
                }
            }
            for (int level = 0; level < TELL_HOSTS_AT.length; level++) {
                if (inWindow == TELL_HOSTS_AT[level] && (!told[level] || now - toldAt[level] >= WINDOW)) {
                    told[level] = true;
                    toldAt[level] = now;
                    return inWindow;
                }
            }
            return 0;
        }

        private void refill(long now) {
            allowance = Math.min(roomBurst, allowance + (double) (now - refilledAt) * roomPerMinute / MINUTE);
            refilledAt = now;
        }
    }
}
