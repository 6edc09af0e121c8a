package roomchat.core.chat;

import java.util.Optional;
import roomchat.core.room.Member;

/**
 * What came of a line typed while choosing a screen name: the answer, and the new member once a
 * name was claimed.
 */
public record NameStep(Reply reply, Optional<Member> member) {
}
