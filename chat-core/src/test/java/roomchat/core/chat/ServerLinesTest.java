package roomchat.core.chat;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.render.LineRenderer;
import roomchat.core.room.Member;
import roomchat.core.testing.RecordingPort;

/**
 * Which lines are the server's: a user can word chat and actions, but never a line that equals or
 * starts like one of the server's notices (issue 10, finding 2).
 */
class ServerLinesTest {

    /** Names that, in the old wording, made an action read as the server's own notice. */
    private static final List<String> FORGING_NAMES = List.of("server", "you", "choose", "--", "-", "alice", "dave");

    private final ChatFixture fixture = new ChatFixture();
    private final ChatService chat = fixture.chat;
    private final LineRenderer renderer = new LineRenderer(ZoneOffset.UTC);
    /** The lines of room events that are the server's (not kept), in the order they were ordered. */
    private final List<String> serverLines = new ArrayList<>();
    /** The lines said in rooms (kept), in order. */
    private final List<String> saidLines = new ArrayList<>();

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
                "[lobby] -- carol has left",
                "[games] -- carol has joined",
                "[games] -- al has left",
                "[games] -- carol is now a host",
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
                done(chat.handle(actor, new Command.Me(text)));
                done(chat.handle(actor, new Input.ChatText(text)));
            }
        }
        recordEvents();
        assertThat(saidLines).isNotEmpty().allSatisfy(line -> {
            assertThat(line).startsWith("[lobby] ").doesNotStartWith("[lobby] " + LineRenderer.ROOM_NOTICE);
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
            if (done(fixture.registry.findMember(name)).filter(other -> other != actor).isPresent()) {
                continue;
            }
            renameTo(actor, name);
            String text = randomString(random, textChars, 1 + random.nextInt(12));
            done(chat.handle(actor, new Command.Me(text)));
            done(chat.handle(actor, new Input.ChatText(text)));
            recordEvents();
            assertThat(saidLines.get(saidLines.size() - 2)).isEqualTo("[lobby] " + LineRenderer.ACTION + actor.name() + " " + text);
            assertThat(saidLines.get(saidLines.size() - 1)).isEqualTo("[lobby] " + actor.name() + ": " + text);
        }
        assertThat(saidLines).noneMatch(line -> line.startsWith("[lobby] " + LineRenderer.ROOM_NOTICE));
    }

    @Test
    void linesToOneUserStartWithTheServersWordsNotANameOrRoom() {
        Member mallory = join("mallory");
        Member trudy = join("trudy");
        Member eve = join("eve");
        List<String> toOne = new ArrayList<>();
        toOne.addAll(lines(done(chat.handle(mallory, new Command.NewRoom("evilroom")))));
        toOne.addAll(lines(done(chat.handle(trudy, new Command.ChangeRoom("evilroom", Optional.empty())))));
        toOne.addAll(lines(done(chat.handle(mallory, new Command.SetPassword(Optional.of("secret"))))));
        toOne.addAll(lines(done(chat.handle(eve, new Command.ChangeRoom("evilroom", Optional.empty())))));
        toOne.addAll(lines(done(chat.handle(eve, new Command.MessageRoom("evilroom", Optional.empty(), "hi")))));
        toOne.addAll(lines(done(chat.handle(eve, new Command.SetTopic(Optional.of("mine"))))));
        toOne.addAll(lines(done(chat.handle(eve, new Command.PrivateMessage("mallory", "hi")))));
        toOne.addAll(lines(done(chat.handle(mallory, new Command.Kick("trudy")))));
        List<String> direct = new ArrayList<>();
        for (Member member : List.of(mallory, trudy, eve)) {
            direct.addAll(lines(fixture.noticesTo(member)));
        }
        toOne.addAll(direct);

        assertThat(direct).containsSubsequence(
                "* you were kicked from evilroom by mallory", "* you are in lobby with eve");
        assertThat(toOne).contains(
                "! room evilroom is locked (enter with :cr evilroom <password>)",
                "! room lobby has no hosts, so nobody can do that there");
        for (String line : toOne) {
            if (line.startsWith(LineRenderer.NOTICE) || line.startsWith(LineRenderer.ERROR)) {
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
        Member carol = join("carol");
        done(chat.handle(alice, new Command.NewRoom("games")));
        done(chat.handle(bob, new Command.ChangeRoom("games", Optional.empty())));
        done(chat.handle(alice, new Command.SetTopic(Optional.of("friday"))));
        done(chat.handle(alice, new Command.SetTopic(Optional.empty())));
        done(chat.handle(alice, new Command.SetPassword(Optional.of("hunter2"))));
        done(chat.handle(alice, new Command.SetPassword(Optional.empty())));
        done(chat.handle(alice, new Command.Promote("bob")));
        done(chat.handle(alice, new Command.Kick("bob")));
        done(chat.handle(alice, new Command.Nick("al")));
        // Someone stays in games, where leaving is announced only to those still there.
        done(chat.handle(carol, new Command.ChangeRoom("games", Optional.empty())));
        done(chat.handle(alice, new Command.ChangeRoom("lobby", Optional.empty())));
        recordEvents();
        Set<String> roomNotices = new LinkedHashSet<>(serverLines);
        assertThat(roomNotices).allSatisfy(line -> assertThat(line).matches("\\[[^\\]]+\\] -- \\S+ [a-z].*"));
        serverLines.clear();
        saidLines.clear();
        for (Member member : List.of(alice, bob, carol)) {
            fixture.noticesTo(member);
        }
        return roomNotices;
    }

    /** A new member called {@code name}, whose arrival is kept among the events. */
    private Member join(String name) {
        return done(chat.beforeName(new Input.ChatText(name), new RecordingPort(), InetAddress.getLoopbackAddress()))
                .member().orElseThrow();
    }

    private void renameTo(Member member, String name) {
        if (!member.name().equals(name)) {
            assertThat(lines(done(chat.handle(member, new Command.Nick(name))))).containsExactly("* you are now " + name);
        }
    }

    /** Renders the events ordered since last asked: kept ones to {@link #saidLines}, the others (those shown) to {@link #serverLines}. */
    private void recordEvents() {
        for (RoomEvent event : fixture.events()) {
            String line = LineRenderer.line(event);
            if (line != null) {
                (event.what().kept() ? saidLines : serverLines).add(line);
            }
        }
    }

    private List<String> lines(Reply reply) {
        return lines(reply.notices());
    }

    private List<String> lines(List<Notice> notices) {
        return notices.stream().map(renderer::lines).flatMap(List::stream).filter(Objects::nonNull).toList();
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
