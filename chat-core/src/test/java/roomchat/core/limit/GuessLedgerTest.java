package roomchat.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuessLedgerTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    /** The ledger's clock, moved by the tests; it starts below 0 to catch arithmetic on raw readings. */
    private long now = -83 * MINUTE;
    private final GuessLedger ledger = ledger(GuessLedger.ROOM_GUESSES_PER_MINUTE, GuessLedger.MAX_PAIRS);

    private GuessLedger ledger(int roomPerMinute, int most) {
        return new GuessLedger(roomPerMinute, most, Math.min(most, GuessLedger.MAX_ROOMS), () -> now);
    }

    private static InetAddress address(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, (byte) (n >> 8), (byte) n});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A guess that may be made now, which turns out wrong: what the hosts should be told. */
    private int guessWrong(InetAddress from, String room) {
        try (GuessLedger.Guess guess = ledger.start(from, room)) {
            assertThat(guess.secondsToWait()).as("wait for %s at %s", from, room).isZero();
            return guess.wrong();
        }
    }

    private long wait(InetAddress from, String room) {
        try (GuessLedger.Guess guess = ledger.start(from, room)) {
            return guess.secondsToWait();
        }
    }

    @Test
    void anAddressWaitsLongerAfterEachWrongGuessWhateverConnectionItUses() {
        InetAddress guesser = address(1);
        guessWrong(guesser, "games");
        assertThat(wait(guesser, "games")).isEqualTo(1);
        now += S;
        guessWrong(guesser, "games");
        assertThat(wait(guesser, "games")).isEqualTo(2);
        now += 2 * S;
        guessWrong(guesser, "games");
        assertThat(wait(guesser, "games")).isEqualTo(4);
        now += 2 * S;
        assertThat(wait(guesser, "games")).isEqualTo(2);
    }

    @Test
    void theWaitStopsAtThirtySecondsAndIsForgottenAfterTenQuietMinutes() {
        InetAddress guesser = address(1);
        for (int i = 0; i < 9; i++) {
            guessWrong(guesser, "games");
            now += GuessThrottle.MAX_DELAY_SECONDS * S;
        }
        now -= GuessThrottle.MAX_DELAY_SECONDS * S;
        assertThat(wait(guesser, "games")).isEqualTo(GuessThrottle.MAX_DELAY_SECONDS);
        now += GuessThrottle.FORGET_AFTER_SECONDS * S + 1;
        guessWrong(guesser, "games");
        assertThat(wait(guesser, "games")).isEqualTo(1);
    }

    @Test
    void eachRoomAndEachAddressCountsApart() {
        guessWrong(address(1), "games");
        assertThat(wait(address(1), "games")).isEqualTo(1);
        assertThat(wait(address(1), "chess")).isZero();
        assertThat(wait(address(2), "games")).isZero();
    }

    @Test
    void aRightPasswordDoesNotCountAndDoesNotResetTheCount() {
        InetAddress guesser = address(1);
        guessWrong(guesser, "games");
        now += S;
        try (GuessLedger.Guess right = ledger.start(guesser, "games")) {
            assertThat(right.secondsToWait()).isZero();
        }
        guessWrong(guesser, "games");
        assertThat(wait(guesser, "games")).as("the second wrong guess, not the first again").isEqualTo(2);
    }

    @Test
    void anAddressHasOneGuessAtARoomCheckedAtATime() {
        try (GuessLedger.Guess first = ledger.start(address(1), "games")) {
            assertThat(first.secondsToWait()).isZero();
            assertThat(wait(address(1), "games")).isEqualTo(1);
            assertThat(wait(address(2), "games")).isZero();
        }
        assertThat(wait(address(1), "games")).isZero();
    }

    @Test
    void guessesFromManyAddressesSlowEveryGuessForTheRoomAndOnlyThatRoom() {
        for (int i = 0; i < GuessLedger.ROOM_GUESSES_PER_MINUTE; i++) {
            guessWrong(address(i), "games");
        }
        long perGuess = 60 / GuessLedger.ROOM_GUESSES_PER_MINUTE;
        assertThat(wait(address(1000), "games")).as("a new address").isEqualTo(perGuess);
        assertThat(wait(address(1000), "chess")).isZero();
        now += perGuess * S;
        guessWrong(address(1000), "games");
        assertThat(wait(address(1001), "games")).isEqualTo(perGuess);
        now += perGuess * S;
        try (GuessLedger.Guess right = ledger.start(address(1001), "games")) {
            assertThat(right.secondsToWait()).as("the right password gets in once the wait is over").isZero();
        }
        assertThat(wait(address(1002), "games")).as("and costs the room nothing").isZero();
    }

    @Test
    void guessesBeingCheckedHoldTheirShareOfTheRoomsAllowance() {
        List<GuessLedger.Guess> open = new ArrayList<>();
        for (int i = 0; i < GuessLedger.ROOM_GUESSES_PER_MINUTE; i++) {
            GuessLedger.Guess guess = ledger.start(address(i), "games");
            assertThat(guess.secondsToWait()).isZero();
            open.add(guess);
        }
        assertThat(wait(address(999), "games")).isPositive();
        open.forEach(GuessLedger.Guess::close);
        assertThat(wait(address(999), "games")).isZero();
    }

    @Test
    void hostsAreToldAtAFewCountsNotAtEveryGuess() {
        GuessLedger unlimited = ledger(0, GuessLedger.MAX_PAIRS);
        List<Integer> told = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            try (GuessLedger.Guess guess = unlimited.start(address(i), "games")) {
                int count = guess.wrong();
                if (count > 0) {
                    told.add(count);
                }
            }
            now += S;
        }
        assertThat(told).containsExactly(5, 20, 100);
    }

    @Test
    void theHostsCountCoversTheLastTenMinutesAndEachLevelIsToldAtMostOnceInThem() {
        guessWrong(address(0), "games");
        now += 5 * MINUTE;
        for (int i = 1; i < 4; i++) {
            assertThat(guessWrong(address(i), "games")).isZero();
        }
        assertThat(guessWrong(address(4), "games")).isEqualTo(5);
        now += 5 * MINUTE + 30 * S;
        assertThat(guessWrong(address(5), "games"))
                .as("5 again, the first having left the window, but within ten minutes of telling").isZero();
        now += 5 * MINUTE;
        for (int i = 0; i < 3; i++) {
            assertThat(guessWrong(address(10 + i), "games")).isZero();
        }
        assertThat(guessWrong(address(13), "games")).as("the last 10 minutes, ten after telling").isEqualTo(5);
    }

    @Test
    void nothingIsKeptForGuessesThatWereNotWrong() {
        try (GuessLedger.Guess guess = ledger.start(address(1), "games")) {
            assertThat(guess.secondsToWait()).isZero();
        }
        assertThat(ledger.size()).containsExactly(0, 0);
    }

    @Test
    void entriesGoTenMinutesAfterTheirLastUse() {
        guessWrong(address(1), "games");
        guessWrong(address(2), "chess");
        assertThat(ledger.size()).containsExactly(2, 2);
        now += 5 * MINUTE;
        guessWrong(address(3), "chess");
        now += 5 * MINUTE;
        wait(address(4), "poker");
        assertThat(ledger.size()).containsExactly(1, 1);
        now += 5 * MINUTE;
        wait(address(4), "poker");
        assertThat(ledger.size()).containsExactly(0, 0);
    }

    @Test
    void aFullLedgerForgetsItsLeastRecentlyUsedEntries() {
        GuessLedger small = ledger(GuessLedger.ROOM_GUESSES_PER_MINUTE, 3);
        for (int i = 0; i < 10; i++) {
            try (GuessLedger.Guess guess = small.start(address(i), "room" + i)) {
                guess.wrong();
            }
        }
        assertThat(small.size()).containsExactly(3, 3);
        try (GuessLedger.Guess guess = small.start(address(9), "room9")) {
            assertThat(guess.secondsToWait()).as("the most recent is remembered").isEqualTo(1);
        }
        try (GuessLedger.Guess guess = small.start(address(0), "room0")) {
            assertThat(guess.secondsToWait()).as("the oldest is forgotten").isZero();
        }
    }

    @Test
    void noLimitPerRoomWhenItsRateIsZero() {
        GuessLedger perAddressOnly = ledger(0, GuessLedger.MAX_PAIRS);
        for (int i = 0; i < 50; i++) {
            try (GuessLedger.Guess guess = perAddressOnly.start(address(i), "games")) {
                assertThat(guess.secondsToWait()).isZero();
                guess.wrong();
            }
        }
    }

    @Test
    void aFreeGuessIsNeverSlowedAndRecordsNothing() {
        assertThat(GuessLedger.Guess.FREE.secondsToWait()).isZero();
        assertThat(GuessLedger.Guess.FREE.wrong()).isZero();
        GuessLedger.Guess.FREE.close();
    }
}
