package roomchat.server.session;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import roomchat.core.room.RoomChange;
import roomchat.server.PipelineNames;
import roomchat.server.tcp.PipelineHarness;

/** The states of one connection, choosing a name, then chatting, then closing, on a whole TCP pipeline. */
class SessionStatesTest {

    private static final String PROMPT = "* choose a screen name (1-24 letters, digits, _ - or .)";

    private final PipelineHarness harness = new PipelineHarness(32);

    @AfterEach
    void close() {
        harness.close();
    }

    private Object session() {
        return harness.channel.pipeline().get(PipelineNames.SESSION);
    }

    @Test
    void aNewConnectionIsGreetedAndAskedForAName() {
        assertThat(harness.sent()).containsExactly("* welcome to roomchat, 0 online", PROMPT);
        assertThat(session()).isInstanceOf(NameChoiceHandler.class);
    }

    @Test
    void aBadNameIsRefusedAndAskedAgain() {
        harness.sent();
        harness.receive("no spaces please\n");
        assertThat(harness.sent()).containsExactly(
                "! invalid name: names are 1-24 letters, digits, _ - or .", PROMPT);
        assertThat(session()).isInstanceOf(NameChoiceHandler.class);
    }

    @Test
    void aTakenNameIsRefusedIgnoringCase() {
        claim("alice");
        harness.sent();
        harness.receive("ALICE\n");
        assertThat(harness.sent()).containsExactly("! name ALICE is taken", PROMPT);
    }

    @Test
    void aNameThatWouldPassForOneInUseIsRefused() {
        claim("bill");
        harness.sent();
        harness.receive("biII\n");
        assertThat(harness.sent()).containsExactly("! name biII is too like bill", PROMPT);
        assertThat(session()).isInstanceOf(NameChoiceHandler.class);
    }

    @Test
    void commandsOtherThanHelpAndExitWaitForAName() {
        harness.sent();
        harness.receive(":cr games\n:nope\n");
        assertThat(harness.sent()).containsExactly(
                "! choose a screen name first", PROMPT, "! unknown command :nope (try :h)", PROMPT);
        harness.receive(":h\n");
        assertThat(harness.sent()).first().asString().startsWith("* commands");
    }

    @Test
    void aGoodNameEntersTheDefaultRoomAndSwitchesToChatting() {
        harness.sent();
        harness.receive(" alice \n");
        assertThat(harness.sent()).containsExactly(
                "* you are in lobby, nobody else is here", "* type :h for help, :e to leave");
        assertThat(session()).isInstanceOf(ChatSessionHandler.class);
        assertThat(harness.registry.memberCount()).isEqualTo(1);
    }

    @Test
    void exitSaysGoodbyeClosesAndDropsWhatFollows() {
        harness.receive("alice\n");
        harness.sent();
        harness.receive(":e\n:n games\n");
        assertThat(harness.sent()).containsExactly("* bye alice");
        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(harness.registry.memberCount()).isZero();
        assertThat(done(harness.registry.checkEntry("games", null))).isInstanceOf(RoomChange.NoSuchRoom.class);
    }

    @Test
    void exitBeforeANameClosesToo() {
        harness.sent();
        harness.receive(":exit\n");
        assertThat(harness.sent()).containsExactly("* bye");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void closingTheConnectionFreesTheName() {
        harness.receive("alice\n");
        harness.channel.close();
        assertThat(harness.registry.memberCount()).isZero();
    }

    @Test
    void aTooLongLineGetsOneErrorAndTheConnectionGoesOn() {
        harness.receive("alice\n");
        harness.sent();
        harness.receive(":n " + "g".repeat(40) + "\n:n games\n");
        assertThat(harness.sent()).containsExactly(
                "! line too long (max 32 bytes)", "* created games", "* you are in games, nobody else is here");
    }

    /** Someone else claims {@code name}, over a connection of their own. */
    private void claim(String name) {
        EmbeddedChannel theirs = new EmbeddedChannel(DefaultChannelId.newInstance());
        done(harness.registry.claim(name, harness.portOf(theirs), InetAddress.getLoopbackAddress()));
    }
}
