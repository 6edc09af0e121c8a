package roomchat.core.name;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Bob_2", "x.y-z", "abcdefghijklmnopqrstuvwx"})
    void screenNamesThatPass(String name) {
        assertThat(NameRules.isScreenName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcdefghijklmnopqrstuvwxy", "al ice", "al:ice", "José", "a\u0007", "[bob]", "@x"})
    void screenNamesThatFail(String name) {
        assertThat(NameRules.isScreenName(name)).isFalse();
    }

    @Test
    void roomNamesAllowThirtyTwoCharacters() {
        assertThat(NameRules.isRoomName("r".repeat(32))).isTrue();
        assertThat(NameRules.isRoomName("r".repeat(33))).isFalse();
        assertThat(NameRules.isRoomName("games night")).isFalse();
        assertThat(NameRules.isRoomName("dm")).as("private lines start with [dm]").isFalse();
        assertThat(NameRules.isRoomName("DM")).isFalse();
        assertThat(NameRules.isRoomName("dms")).isTrue();
    }

    @Test
    void keysIgnoreCase() {
        assertThat(NameRules.key("Alice")).isEqualTo(NameRules.key("aLICE"));
    }
}
