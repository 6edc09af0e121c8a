package roomchat.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.dispatch.Dispatcher;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.room.RoomMessage;

/**
 * Which lines are the server's: a user can word chat and actions, but never a line that equals or
 * starts like one of the server's notices (issue 10, finding 2).
 */
class ServerLinesTest {

    /** Names that, in the old wording, made an action read as the server's own notice. */
    private static final List<String> FORGING_NAMES = List.of("server", "you", "choose", "--", "-", "alice", "dave");

    private final Recorder dispatcher = new Recorder();
    private final LocalRoomRegistry registry = new LocalRoomRegistry("lobby");
    private final ChatService chat = new ChatService(registry, dispatcher);

    @Test
    void everyRoomNoticeStartsWithItsRoomAndTheServersMark() {
        Set<String> notices = everyKindOfRoomNotice();
        assertThat(notices).containsExactlyInAnyOrder(
                "[lobby] -- alice has joined",
                "[lobby] -- bob has joined",
                "[lobby] -- carol has joined",
                "[games] -- alice has joined",
                "[lobby] -- alice has left",
                "[games] -- bob has joined",
                "[lobby] -- bob has left",
                "[games] -- alice set the topic: friday",
                "[games] -- alice cleared the topic",
                "[games] -- alice locked the room",
                "[games] -- alice unlocked the room",
                "[games] -- bob is now a host",
                "[games] -- bob was kicked by alice",
                "[games] -- alice is now known as al",
                "[games] -- al has left",
                "[lobby] -- al has joined");
    }

    @Test
    void noActionOrChatFromAnyNameEqualsOrStartsLikeARoomNotice() {
        Set<String> notices = everyKindOfRoomNotice();
        Member actor = join("actor");
        List<String> texts = new ArrayList<>();
        for (String notice : notices) {
            // The notice itself, and every tail of it that starts after a space: whatever a name plus
            // the text could be made to spell.
            texts.add(notice);
            for (int i = notice.indexOf(' '); i >= 0; i = notice.indexOf(' ', i + 1)) {
                texts.add(notice.substring(i + 1));
            }
        }
        for (String name : FORGING_NAMES) {
            renameTo(actor, name);
            for (String text : texts) {
                chat.handle(actor, new Command.Me(text));
                chat.handle(actor, new Input.ChatText(text));
            }
        }
        assertThat(dispatcher.said).isNotEmpty().allSatisfy(line -> {
            assertThat(line).startsWith("[lobby] ").doesNotStartWith("[lobby] " + Lines.ROOM_NOTICE);
            assertThat(notices).doesNotContain(line);
        });
    }

    @Test
    void randomNamesAndTextsNeverMakeALineThatStartsWithTheNoticeMark() {
        Member actor = join("actor");
        Random random = new Random(10);
        String nameChars = "-._aZ9";
        String textChars = "-* ][:@!ab";
        for (int round = 0; round < 500; round++) {
            String name = randomString(random, nameChars, 1 + random.nextInt(4));
            if (registry.findMember(name).filter(other -> other != actor).isPresent()) {
                continue;
            }
            renameTo(actor, name);
            String text = randomString(random, textChars, 1 + random.nextInt(12));
            chat.handle(actor, new Command.Me(text));
            chat.handle(actor, new Input.ChatText(text));
            List<String> said = dispatcher.said;
            assertThat(said.get(said.size() - 2)).isEqualTo("[lobby] " + Lines.ACTION + actor.name() + " " + text);
            assertThat(said.get(said.size() - 1)).isEqualTo("[lobby] " + actor.name() + ": " + text);
        }
        assertThat(dispatcher.said).noneMatch(line -> line.startsWith("[lobby] " + Lines.ROOM_NOTICE));
    }

    @Test
    void linesToOneUserStartWithTheServersWordsNotANameOrRoom() {
        Member mallory = join("mallory");
        Member trudy = join("trudy");
        Member eve = join("eve");
        List<String> toOne = new ArrayList<>();
        toOne.addAll(chat.handle(mallory, new Command.NewRoom("evilroom")).lines());
        toOne.addAll(chat.handle(trudy, new Command.ChangeRoom("evilroom", Optional.empty())).lines());
        toOne.addAll(chat.handle(mallory, new Command.SetPassword(Optional.of("secret"))).lines());
        toOne.addAll(chat.handle(eve, new Command.ChangeRoom("evilroom", Optional.empty())).lines());
        toOne.addAll(chat.handle(eve, new Command.MessageRoom("evilroom", Optional.empty(), "hi")).lines());
        toOne.addAll(chat.handle(eve, new Command.SetTopic(Optional.of("mine"))).lines());
        toOne.addAll(chat.handle(eve, new Command.PrivateMessage("mallory", "hi")).lines());
        toOne.addAll(chat.handle(mallory, new Command.Kick("trudy")).lines());
        toOne.addAll(dispatcher.direct);

        assertThat(dispatcher.direct).containsSubsequence(
                "* you were kicked from evilroom by mallory", "* you are in lobby with eve");
        assertThat(toOne).contains(
                "! room evilroom is locked (enter with :cr evilroom <password>)",
                "! room lobby has no hosts, so nobody can do that there");
        for (String line : toOne) {
            if (line.startsWith(Lines.NOTICE) || line.startsWith(Lines.ERROR)) {
                String words = line.substring(2);
                assertThat(List.of("mallory", "trudy", "eve", "evilroom", "lobby"))
                        .as(line).noneMatch(chosen -> words.startsWith(chosen));
            } else {
                assertThat(line).as(line).startsWith("[");
            }
        }
    }

    /** Drives one of each room notice through the chat, with alice, bob and carol; returns them all. */
    private Set<String> everyKindOfRoomNotice() {
        Member alice = join("alice");
        Member bob = join("bob");
        join("carol");
        chat.handle(alice, new Command.NewRoom("games"));
        chat.handle(bob, new Command.ChangeRoom("games", Optional.empty()));
        chat.handle(alice, new Command.SetTopic(Optional.of("friday")));
        chat.handle(alice, new Command.SetTopic(Optional.empty()));
        chat.handle(alice, new Command.SetPassword(Optional.of("hunter2")));
        chat.handle(alice, new Command.SetPassword(Optional.empty()));
        chat.handle(alice, new Command.Promote("bob"));
        chat.handle(alice, new Command.Kick("bob"));
        chat.handle(alice, new Command.Nick("al"));
        chat.handle(alice, new Command.ChangeRoom("lobby", Optional.empty()));
        Set<String> notices = new LinkedHashSet<>(dispatcher.notices);
        assertThat(notices).allSatisfy(line -> assertThat(line).matches("\\[[^\\]]+\\] -- \\S+ [a-z].*"));
        dispatcher.notices.clear();
        dispatcher.direct.clear();
        return notices;
    }

    private Member join(String name) {
        EmbeddedChannel channel = new EmbeddedChannel(DefaultChannelId.newInstance());
        return chat.beforeName(new Input.ChatText(name), channel, InetAddress.getLoopbackAddress()).member().orElseThrow();
    }

    private void renameTo(Member member, String name) {
        if (!member.name().equals(name)) {
            assertThat(chat.handle(member, new Command.Nick(name)).lines()).containsExactly("* you are now " + name);
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A dispatcher that keeps what it is given: room notices, lines said in rooms, and lines to one member. */
    private static final class Recorder implements Dispatcher {
        final List<String> notices = new ArrayList<>();
        final List<String> said = new ArrayList<>();
        final List<String> direct = new ArrayList<>();

        @Override
        public void publish(Room room, RoomMessage message) {
            (message.kept() ? said : notices).add(message.line());
        }

        @Override
        public void admit(Room room, Member member) {
        }

        @Override
        public void remove(Room room, Member member) {
        }

        @Override
        public void sendTo(Member member, String line) {
            direct.add(line);
        }

        @Override
        public void close() {
        }
    }
}
