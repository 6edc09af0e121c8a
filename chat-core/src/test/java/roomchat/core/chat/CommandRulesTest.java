package roomchat.core.chat;

import static roomchat.testing.Stages.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.event.Happening;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.Member;
import roomchat.core.testing.RecordingPort;

/**
 * The rules of each command, as typed notices to the one who typed it (or to whom it concerns) and
 * typed events in rooms, never as English: the wording is the renderers' business.
 */
class CommandRulesTest {

    private final ChatFixture fixture = new ChatFixture();
    private final ChatService chat = fixture.chat;
    private final Member alice = fixture.join("alice");
    private final Member bob = fixture.join("bob");
    private final Member carol = fixture.join("carol");

    /** What an event says, without its number and time. */
    private record Seen(String room, String actor, Happening what) {
    }

    private static Seen seen(String room, String actor, Happening what) {
        return new Seen(room, actor, what);
    }

    private List<Seen> events() {
        return fixture.events().stream().map((RoomEvent event) -> seen(event.room(), event.actor(), event.what())).toList();
    }

    private Reply handle(Member member, Input input) {
        return done(chat.handle(member, input));
    }

    /** Alice's room games, with bob in it; what that caused is forgotten. */
    private void gamesHostedByAliceWithBob() {
        handle(alice, new Command.NewRoom("games"));
        handle(bob, new Command.ChangeRoom("games", Optional.empty()));
        fixture.forget();
        fixture.noticesTo(alice);
    }

    private static void assertRefused(Reply reply) {
        assertThat(reply.notices()).singleElement().isInstanceOf(Notice.Error.class);
        assertThat(reply.close()).isFalse();
    }

    private void assertNothingHappened() {
        assertThat(fixture.events()).isEmpty();
        assertThat(fixture.moves()).isEmpty();
    }

    // :cr

    @Test
    void changeRoomMovesTheMemberAndTellsBothRooms() {
        handle(alice, new Command.NewRoom("games"));
        fixture.forget();

        Reply reply = handle(bob, new Command.ChangeRoom("GAMES", Optional.empty()));

        assertThat(reply.notices()).containsExactly(new Notice.Entered("games", List.of("alice"), null, false));
        assertThat(events()).containsExactly(seen("lobby", "bob", new Happening.Left(LeaveReason.MOVED)),
                seen("games", "bob", new Happening.Joined()));
        assertThat(fixture.moves()).containsExactly(new ChatFixture.Move("lobby", "bob", false),
                new ChatFixture.Move("games", "bob", true));
    }

    @Test
    void changeRoomToNoRoomOrAnInvalidNameIsRefused() {
        assertRefused(handle(alice, new Command.ChangeRoom("nowhere", Optional.empty())));
        assertRefused(handle(alice, new Command.ChangeRoom("no/room", Optional.empty())));
        assertNothingHappened();
        assertThat(alice.room()).isSameAs(fixture.registry.defaultRoom());
    }

    @Test
    void changeRoomToTheRoomOneIsInSaysSo() {
        assertThat(handle(alice, new Command.ChangeRoom("LOBBY", Optional.of("any"))).notices())
                .containsExactly(new Notice.AlreadyIn("lobby"));
        assertNothingHappened();
    }

    @Test
    void aLockedRoomTakesOnlyItsPassword() {
        handle(alice, new Command.NewRoom("games"));
        handle(alice, new Command.SetPassword(Optional.of("s3cret")));
        fixture.forget();

        assertRefused(handle(bob, new Command.ChangeRoom("games", Optional.empty())));
        assertRefused(handle(bob, new Command.ChangeRoom("games", Optional.of("guess"))));
        assertNothingHappened();

        assertThat(handle(bob, new Command.ChangeRoom("games", Optional.of("s3cret"))).notices())
                .containsExactly(new Notice.Entered("games", List.of("alice"), null, false));
        assertThat(bob.room().name()).isEqualTo("games");
    }

    // :n

    @Test
    void newRoomCreatesItWithTheCreatorAsHost() {
        Reply reply = handle(alice, new Command.NewRoom("games"));

        assertThat(reply.notices()).containsExactly(new Notice.Entered("games", List.of(), null, true));
        assertThat(events()).containsExactly(seen("lobby", "alice", new Happening.Left(LeaveReason.MOVED)),
                seen("games", "alice", new Happening.Created()), seen("games", "alice", new Happening.Joined()));
        assertThat(done(fixture.registry.hostsOf(alice.room()))).containsExactly(alice);
    }

    @Test
    void newRoomThatExistsInAnyCaseIsRefused() {
        handle(alice, new Command.NewRoom("games"));
        fixture.forget();
        assertRefused(handle(bob, new Command.NewRoom("GAMES")));
        assertRefused(handle(bob, new Command.NewRoom("lobby")));
        assertRefused(handle(bob, new Command.NewRoom("no room")));
        assertNothingHappened();
    }

    // :erm

    @Test
    void messageRoomRelaysTheLineWithTheSendersRoomAndTellsTheSender() {
        handle(alice, new Command.NewRoom("games"));
        fixture.forget();

        assertThat(handle(bob, new Command.MessageRoom("games", Optional.empty(), "hi")).notices())
                .containsExactly(new Notice.Sent("games"));
        assertThat(events()).containsExactly(seen("games", "bob", new Happening.Relayed("lobby", "hi")));
        assertThat(bob.room()).isSameAs(fixture.registry.defaultRoom());
    }

    @Test
    void messageRoomToALockedRoomNeedsItsPasswordAndToNoRoomIsRefused() {
        handle(alice, new Command.NewRoom("games"));
        handle(alice, new Command.SetPassword(Optional.of("s3cret")));
        fixture.forget();

        assertRefused(handle(bob, new Command.MessageRoom("games", Optional.empty(), "hi")));
        assertRefused(handle(bob, new Command.MessageRoom("games", Optional.of("guess"), "hi")));
        assertRefused(handle(bob, new Command.MessageRoom("nowhere", Optional.empty(), "hi")));
        assertNothingHappened();
        assertThat(handle(bob, new Command.MessageRoom("games", Optional.of("s3cret"), "hi")).notices())
                .containsExactly(new Notice.Sent("games"));
    }

    // :rooms and :who

    @Test
    void roomsComeAPageAtATimeAndAPagePastTheEndIsEmpty() {
        for (int i = 0; i < RoomCommands.ROOMS_PER_PAGE; i++) {
            handle(fixture.join("creator" + i), new Command.NewRoom("room" + i));
        }
        int total = RoomCommands.ROOMS_PER_PAGE + 1;

        Notice.RoomsPage first = (Notice.RoomsPage) handle(alice, new Command.ListRooms(1)).notices().get(0);
        Notice.RoomsPage second = (Notice.RoomsPage) handle(alice, new Command.ListRooms(2)).notices().get(0);
        Notice.RoomsPage past = (Notice.RoomsPage) handle(alice, new Command.ListRooms(3)).notices().get(0);

        assertThat(first.rooms()).hasSize(RoomCommands.ROOMS_PER_PAGE);
        assertThat(first.total()).isEqualTo(total);
        assertThat(second.rooms()).singleElement().satisfies(room -> assertThat(room.name()).isEqualTo("room9"));
        assertThat(second.page().number()).isEqualTo(2);
        assertThat(past.rooms()).isEmpty();
        assertThat(past.total()).isEqualTo(total);
        assertThat(past.page().pagesFor(past.total())).isEqualTo(2);
    }

    @Test
    void whoComesAPageAtATimeWithItsHostsAndAPagePastTheEndIsEmpty() {
        handle(alice, new Command.NewRoom("games"));
        handle(bob, new Command.ChangeRoom("games", Optional.empty()));
        assertThat(handle(bob, new Command.Who(1)).notices()).singleElement().isInstanceOfSatisfying(Notice.MembersPage.class,
                page -> {
                    assertThat(page.room().members()).containsExactly("alice", "bob");
                    assertThat(page.room().hosts()).containsExactly("alice");
                });

        for (int i = 0; i < RoomCommands.NAMES_PER_PAGE; i++) {
            fixture.join("guest" + i);
        }
        int inLobby = RoomCommands.NAMES_PER_PAGE + 1;
        Notice.MembersPage second = (Notice.MembersPage) handle(carol, new Command.Who(2)).notices().get(0);
        Notice.MembersPage past = (Notice.MembersPage) handle(carol, new Command.Who(3)).notices().get(0);
        assertThat(second.room().members()).containsExactly("guest99");
        assertThat(second.room().memberCount()).isEqualTo(inLobby);
        assertThat(past.room().members()).isEmpty();
        assertThat(past.page().number()).isEqualTo(3);
    }

    // :msg

    @Test
    void aPrivateLineReachesOnlyItsRecipient() {
        assertThat(handle(alice, new Command.PrivateMessage("BOB", "psst")).notices()).containsExactly(new Notice.Sent("bob"));
        assertThat(fixture.noticesTo(bob)).containsExactly(new Notice.PrivateLine("alice", "psst"));
        assertThat(fixture.noticesTo(carol)).isEmpty();
        assertNothingHappened();
    }

    @Test
    void aPrivateLineToNobodyIsRefused() {
        assertRefused(handle(alice, new Command.PrivateMessage("dave", "psst")));
        assertRefused(handle(alice, new Command.PrivateMessage("not a name", "psst")));
        assertNothingHappened();
    }

    // :nick

    @Test
    void aNewNameIsToldToTheMemberAndItsRoomUnderTheOldName() {
        assertThat(handle(alice, new Command.Nick("alicia")).notices()).containsExactly(new Notice.NameChanged("alicia"));
        assertThat(events()).containsExactly(seen("lobby", "alice", new Happening.Renamed("alicia")));
        assertThat(alice.name()).isEqualTo("alicia");
    }

    @Test
    void aNameTakenOrTooLikeAnotherOrInvalidIsRefused() {
        fixture.join("bill");
        assertRefused(handle(alice, new Command.Nick("BOB")));
        assertRefused(handle(alice, new Command.Nick("biII")));
        assertRefused(handle(alice, new Command.Nick("a b")));
        assertNothingHappened();
        assertThat(alice.name()).isEqualTo("alice");
    }

    // :me and chat

    @Test
    void anActionAndAChatLineGoToTheRoomWithNoAnswer() {
        assertThat(handle(alice, new Command.Me("waves")).notices()).isEmpty();
        assertThat(handle(alice, new Input.ChatText("hi")).notices()).isEmpty();
        assertThat(events()).containsExactly(seen("lobby", "alice", new Happening.Acted("waves")),
                seen("lobby", "alice", new Happening.Said("hi")));
    }

    // host commands

    @Test
    void aHostsCommandsAreToldToTheRoom() {
        gamesHostedByAliceWithBob();
        assertThat(handle(alice, new Command.SetTopic(Optional.of("friday"))).notices()).isEmpty();
        assertThat(handle(alice, new Command.SetTopic(Optional.empty())).notices()).isEmpty();
        assertThat(handle(alice, new Command.SetPassword(Optional.of("s3cret"))).notices()).isEmpty();
        assertThat(handle(alice, new Command.SetPassword(Optional.empty())).notices()).isEmpty();
        assertThat(handle(alice, new Command.Promote("bob")).notices()).isEmpty();

        assertThat(events()).containsExactly(
                seen("games", "alice", new Happening.TopicChanged("friday")),
                seen("games", "alice", new Happening.TopicChanged(null)),
                seen("games", "alice", new Happening.LockChanged(true)),
                seen("games", "alice", new Happening.LockChanged(false)),
                seen("games", "alice", new Happening.HostGranted("bob")));
    }

    @Test
    void aMemberWhoIsNotHostCanDoNoneOfThem() {
        gamesHostedByAliceWithBob();
        assertRefused(handle(bob, new Command.SetPassword(Optional.of("mine"))));
        assertRefused(handle(bob, new Command.SetTopic(Optional.of("mine"))));
        assertRefused(handle(bob, new Command.Kick("alice")));
        assertRefused(handle(bob, new Command.Promote("bob")));
        assertNothingHappened();
        assertThat(alice.room().name()).isEqualTo("games");
    }

    @Test
    void nobodyCanDoThemInTheDefaultRoom() {
        assertRefused(handle(alice, new Command.SetPassword(Optional.of("mine"))));
        assertRefused(handle(alice, new Command.SetTopic(Optional.of("mine"))));
        assertRefused(handle(alice, new Command.Kick("bob")));
        assertRefused(handle(alice, new Command.Promote("bob")));
        assertNothingHappened();
    }

    @Test
    void aHostCanNotKickOrPromoteItselfNorSomeoneElsewhere() {
        gamesHostedByAliceWithBob();
        assertRefused(handle(alice, new Command.Kick("alice")));
        assertRefused(handle(alice, new Command.Promote("alice")));
        assertRefused(handle(alice, new Command.Kick("carol")));
        assertRefused(handle(alice, new Command.Promote("dave")));
        assertNothingHappened();
    }

    @Test
    void aKickedMemberIsToldWhyAndWhereItIsAndBothRoomsAreTold() {
        gamesHostedByAliceWithBob();

        assertThat(handle(alice, new Command.Kick("BOB")).notices()).isEmpty();

        assertThat(bob.room()).isSameAs(fixture.registry.defaultRoom());
        assertThat(fixture.noticesTo(bob)).containsExactly(new Notice.KickedOut("games", "alice"),
                new Notice.Entered("lobby", List.of("carol"), null, false));
        assertThat(events()).containsExactly(seen("games", "alice", new Happening.Kicked("bob")),
                seen("lobby", "bob", new Happening.Joined()));
        assertThat(fixture.moves()).containsExactly(new ChatFixture.Move("games", "bob", false),
                new ChatFixture.Move("lobby", "bob", true));
    }

    @Test
    void theLastHostLeavingMakesTheLongestPresentMemberHost() {
        gamesHostedByAliceWithBob();
        handle(alice, new Command.ChangeRoom("lobby", Optional.empty()));
        assertThat(events()).containsSubsequence(seen("games", "alice", new Happening.Left(LeaveReason.MOVED)),
                seen("games", null, new Happening.HostGranted("bob")));
    }

    // :h and :e, and before a name

    @Test
    void helpAndExitWorkBeforeAName() {
        NameStep help = done(chat.beforeName(new Command.Help(), new RecordingPort(), InetAddress.getLoopbackAddress()));
        NameStep exit = done(chat.beforeName(new Command.Exit(), new RecordingPort(), InetAddress.getLoopbackAddress()));

        assertThat(help.member()).isEmpty();
        assertThat(help.reply()).isEqualTo(Reply.of(new Notice.Help()));
        assertThat(exit.member()).isEmpty();
        assertThat(exit.reply().notices()).singleElement().isInstanceOf(Notice.Goodbye.class);
        assertThat(exit.reply().close()).isTrue();
        assertNothingHappened();
    }

    @Test
    void otherCommandsAndLinesThatAreNoNameAreRefusedBeforeAName() {
        for (Input input : List.of(new Command.ChangeRoom("lobby", Optional.empty()), new Command.Me("waves"),
                new Input.ChatText("hello everyone"), new Input.ChatText("BOB"), new Input.Invalid("why"))) {
            NameStep step = done(chat.beforeName(input, new RecordingPort(), InetAddress.getLoopbackAddress()));
            assertThat(step.member()).as("%s", input).isEmpty();
            assertThat(step.reply().notices()).as("%s", input).hasSize(2)
                    .first().isInstanceOf(Notice.Error.class);
            assertThat(step.reply().notices().get(1)).isInstanceOf(Notice.NamePrompt.class);
        }
        assertNothingHappened();
    }

    @Test
    void aNameIsClaimedWithTheDefaultRoomAndTheRoomIsTold() {
        NameStep step = done(chat.beforeName(new Input.ChatText(" dave "), new RecordingPort(), InetAddress.getLoopbackAddress()));

        assertThat(step.member()).hasValueSatisfying(member -> assertThat(member.name()).isEqualTo("dave"));
        assertThat(step.reply().notices()).containsExactly(
                new Notice.Entered("lobby", List.of("alice", "bob", "carol"), null, false), new Notice.Named("dave"));
        assertThat(events()).containsExactly(seen("lobby", "dave", new Happening.Joined()));
    }

    @Test
    void exitSaysGoodbyeClosesAndTellsTheRoom() {
        Reply reply = handle(alice, new Command.Exit());

        assertThat(reply.close()).isTrue();
        assertThat(reply.notices()).singleElement().isInstanceOf(Notice.Goodbye.class);
        assertThat(events()).containsExactly(seen("lobby", "alice", new Happening.Left(LeaveReason.QUIT)));
        assertThat(done(fixture.registry.findMember("alice"))).isEmpty();
    }

    @Test
    void anInvalidCommandIsAnErrorToItsSenderOnly() {
        assertRefused(handle(alice, new Input.Invalid("a page is a number")));
        assertNothingHappened();
    }
}
