package roomchat.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import roomchat.core.event.Notice;

/** What one node tells another comes out as it went in, and nothing else is taken for it. */
class NodeMessageTest {

    @Test
    void privateLinesWarningsAndKicksGoAcrossWhole() {
        for (NodeMessage message : new NodeMessage[] {
                NodeMessage.notice("b:7", new Notice.PrivateLine("alice", "psst \"quoted\" ✓")),
                NodeMessage.notice("b:7", new Notice.WrongPasswords(5, "games", 10)),
                NodeMessage.kick("b:7", "games", "alice")}) {
            assertThat(NodeMessage.decode(message.encode())).isEqualTo(message);
        }
    }

    @Test
    void onlyNoticesMeantForAnotherNodeTravel() {
        assertThatThrownBy(() -> NodeMessage.notice("b:7", new Notice.Info("hello")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : new String[] {"", "probe 3", "[1,2]", "{\"to\":\"b:7\",\"kind\":\"nuke\"}"}) {
            assertThatThrownBy(() -> NodeMessage.decode(garbage)).as(garbage).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
