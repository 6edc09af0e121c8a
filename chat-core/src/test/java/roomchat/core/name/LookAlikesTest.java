package roomchat.core.name;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LookAlikesTest {

    /** Every character a name may hold. */
    private static final String NAME_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.";

    @Test
    void skeletonsBuiltCharacterByCharacterAreTheCheckersForEveryPairOfNameCharacters() {
        for (char a : NAME_CHARACTERS.toCharArray()) {
            assertThat(LookAlikes.skeleton("" + a)).isEqualTo(LookAlikes.checkerSkeleton("" + a));
            for (char b : NAME_CHARACTERS.toCharArray()) {
                String pair = "" + a + b;
                assertThat(LookAlikes.skeleton(pair)).as(pair).isEqualTo(LookAlikes.checkerSkeleton(pair));
            }
        }
    }

    @Test
    void skeletonsBuiltCharacterByCharacterAreTheCheckersForWholeNames() {
        Random random = new Random(10);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder typed = new StringBuilder();
            for (int length = 1 + random.nextInt(24); length > 0; length--) {
                typed.append(NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length())));
            }
            String name = typed.toString();
            assertThat(LookAlikes.skeleton(name)).as(name).isEqualTo(LookAlikes.checkerSkeleton(name));
        }
    }

    @Test
    void textBeyondAsciiGoesToTheChecker() {
        assertThat(LookAlikes.skeleton("раураl")).isEqualTo(LookAlikes.skeleton("paypal"));
        assertThat(LookAlikes.skeleton("bi\u0049\u04cfl")).isEqualTo(LookAlikes.checkerSkeleton("bi\u0049\u04cfl"));
    }

    /** Whether two names clash: they share a skeleton. */
    private static boolean clash(String a, String b) {
        return !Collections.disjoint(LookAlikes.skeletons(a), LookAlikes.skeletons(b));
    }

    @ParameterizedTest
    @CsvSource({"bill, biII", "modem, rnodem", "OLGA, 0LGA", "olga, 0LGA", "BILL, bilI", "alice, aIice",
            "Alice, aIice", "lan, Ian", "l1l, lll", "idle1, idlel", "Iris, lris", "bob, b0b", "BiIl, biII"})
    void namesThatWouldPassForEachOtherClash(String a, String b) {
        assertThat(clash(a, b)).isTrue();
        assertThat(clash(b, a)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"bill, will", "bob, rob", "alice, alicia", "ann, arm", "BIII, bill", "b1ll, biII",
            "u1, u2", "a.b, a-b", "a_b, a-b", "idle12, idle21"})
    void namesThatDoNotLookAlikeDoNotClash(String a, String b) {
        assertThat(clash(a, b)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"alice, Alice", "bill, BILL", "OLGA, olga"})
    void theSameNameInAnotherCaseSharesASkeleton(String a, String b) {
        assertThat(clash(a, b)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"bill, 1", "biII, 2", "Alice, 1", "ALICE, 2", "OLGA, 1", "0LGA, 1", "x.y-z, 1"})
    void aNameHasTheSkeletonsOfItsSpellingAndOfItsLowerCaseIgnoringCase(String name, int count) {
        assertThat(LookAlikes.skeletons(name)).hasSize(count).doesNotHaveDuplicates()
                .contains(LookAlikes.skeleton(name).toLowerCase(java.util.Locale.ROOT));
    }
}
