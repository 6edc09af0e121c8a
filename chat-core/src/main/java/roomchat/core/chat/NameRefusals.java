package roomchat.core.chat;

import roomchat.core.room.NameChange;

/** Why a name can't be had, in words. */
final class NameRefusals {

    private NameRefusals() {
    }

    /** It is taken, or too like a name in use. */
    static String why(String name, NameChange refusal) {
        if (refusal instanceof NameChange.TooLike like) {
            return "name " + name + " is too like " + like.existing();
        }
        return "name " + name + " is taken";
    }
}
