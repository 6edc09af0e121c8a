package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.grpc.Status;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;
import roomchat.v1.ChangeRoom;
import roomchat.v1.ClientMessage;
import roomchat.v1.CommandHelp;
import roomchat.v1.Entered;
import roomchat.v1.Exit;
import roomchat.v1.Help;
import roomchat.v1.Kick;
import roomchat.v1.ListRooms;
import roomchat.v1.Me;
import roomchat.v1.MemberList;
import roomchat.v1.MemberSummary;
import roomchat.v1.MessageRoom;
import roomchat.v1.NewRoom;
import roomchat.v1.Nick;
import roomchat.v1.PrivateMessage;
import roomchat.v1.Promote;
import roomchat.v1.RoomEvent;
import roomchat.v1.RoomList;
import roomchat.v1.RoomSummary;
import roomchat.v1.Say;
import roomchat.v1.ServerEvent.KindCase;
import roomchat.v1.SetPassword;
import roomchat.v1.SetTopic;
import roomchat.v1.Who;

/**
 * Every typed command of chat.proto's {@code ClientMessage}, sent by a program through the generated
 * stubs while nc users share its rooms: what the program is told (typed notices, and room events
 * with their room and a sequence number increasing in each room) and the lines the nc users see.
 * Refused commands come back as typed errors, and the stream goes on: the next line is said.
 */
class GrpcCommandsEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(RunningServer.WHOLE_LINES.andThen(
            config -> config.grpcPort = ServerConfig.ANY_FREE_PORT));

    private final Clients clients = new Clients(server);
    private GrpcClient bot;
    /** How many refusals {@link #assertRefusedThenSays} has seen: each line after one is told apart by it. */
    private int refusals;

    @AfterEach
    void closeClients() throws IOException, InterruptedException {
        clients.close();
        if (bot != null) {
            bot.close();
        }
    }

    /** A program named {@code name} in the lobby, after every nc user already there has seen it join. */
    private GrpcClient login(String name, LineClient... watching) throws InterruptedException {
        bot = GrpcClient.login(server.server().grpcAddress(), name);
        for (LineClient user : watching) {
            user.await("[lobby] -- " + name + " has joined");
        }
        return bot;
    }

    @Test
    void roomCommandsMoveTheProgramAndTheNcUsersSeeEachMove() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient carol = clients.login("carol");
        GrpcClient bot = login("bot", alice, carol);

        bot.send(newRoom("games"));
        Entered created = bot.await(KindCase.ENTERED).getEntered();
        assertThat(created.getRoom()).isEqualTo("games");
        assertThat(created.getCreated()).isTrue();
        assertThat(created.getMembersList()).isEmpty();
        alice.await("[lobby] -- bot has left");

        alice.send(":cr games");
        alice.await("* you are in games with bot");
        RoomEvent joined = bot.awaitRoomEvent(RoomEvent.WhatCase.JOINED);
        assertThat(joined.getRoom()).isEqualTo("games");
        assertThat(joined.getFrom()).isEqualTo("alice");

        alice.send("anyone for chess?");
        RoomEvent said = bot.awaitRoomEvent(RoomEvent.WhatCase.SAID);
        assertThat(said.getRoom()).isEqualTo("games");
        assertThat(said.getFrom()).isEqualTo("alice");
        assertThat(said.getSaid().getText()).isEqualTo("anyone for chess?");
        assertThat(said.getSeq()).isGreaterThan(joined.getSeq());

        bot.send(say("always"));
        alice.await("[games] bot: always");

        bot.send(ClientMessage.newBuilder().setMessageRoom(
                MessageRoom.newBuilder().setRoom("lobby").setText("chess in games")).build());
        assertThat(bot.await(KindCase.SENT).getSent().getTo()).isEqualTo("lobby");
        carol.await("[lobby] bot@games: chess in games");

        carol.send(":erm games coming");
        RoomEvent relayed = bot.awaitRoomEvent(RoomEvent.WhatCase.RELAYED);
        assertThat(relayed.getRoom()).isEqualTo("games");
        assertThat(relayed.getFrom()).isEqualTo("carol");
        assertThat(relayed.getRelayed().getFromRoom()).isEqualTo("lobby");
        assertThat(relayed.getRelayed().getText()).isEqualTo("coming");
        alice.await("[games] carol@lobby: coming");

        bot.send(changeRoom("games"));
        assertThat(bot.await(KindCase.ALREADY_IN).getAlreadyIn().getRoom()).isEqualTo("games");

        bot.send(changeRoom("lobby"));
        Entered lobby = bot.await(KindCase.ENTERED).getEntered();
        assertThat(lobby.getRoom()).isEqualTo("lobby");
        assertThat(lobby.getMembersList()).containsExactly("carol");
        assertThat(lobby.getCreated()).isFalse();
        // Where it is first, then what was said there (its own :erm), then what is live.
        assertThat(bot.next().getHistory().getEventsList()).extracting(event -> event.getRelayed().getText())
                .containsExactly("chess in games");
        alice.await("[games] -- bot has left");
        alice.await("[games] -- alice is now a host");
        carol.await("[lobby] -- bot has joined");
        carol.send("welcome back");
        RoomEvent welcome = bot.awaitRoomEvent(RoomEvent.WhatCase.SAID);
        assertThat(welcome.getRoom()).isEqualTo("lobby");
        assertThat(welcome.getSaid().getText()).isEqualTo("welcome back");

        // Back in games (a room's name in any case): what was said there comes first, as a history.
        bot.send(changeRoom("GAMES"));
        Entered back = bot.await(KindCase.ENTERED).getEntered();
        assertThat(back.getRoom()).isEqualTo("games");
        assertThat(back.getMembersList()).containsExactly("alice");
        List<RoomEvent> history = bot.next().getHistory().getEventsList();
        assertThat(history).extracting(RoomEvent::getFrom).containsExactly("alice", "bot", "carol");
        assertThat(history).allMatch(event -> event.getRoom().equals("games"));
        alice.await("[games] -- bot has joined");
        alice.send("you are back");
        assertThat(bot.awaitRoomEvent(RoomEvent.WhatCase.SAID).getSaid().getText()).isEqualTo("you are back");

        bot.assertEachRoomInOrder();
    }

    @Test
    void commandsAboutPeopleAnswerTheProgramTypedAndReachTheNcUser() throws Exception {
        LineClient alice = clients.login("alice");
        GrpcClient bot = login("bot", alice);

        bot.send(ClientMessage.newBuilder().setWho(Who.getDefaultInstance()).build());
        MemberList members = bot.await(KindCase.MEMBER_LIST).getMemberList();
        assertThat(members.getRoom()).isEqualTo("lobby");
        assertThat(members.getMembersList()).extracting(MemberSummary::getName).containsExactly("alice", "bot");
        assertThat(members.getMembersList()).noneMatch(MemberSummary::getHost);
        assertThat(List.of(members.getTotal(), members.getPage(), members.getPages())).containsExactly(2, 1, 1);

        bot.send(ClientMessage.newBuilder().setListRooms(ListRooms.getDefaultInstance()).build());
        RoomList rooms = bot.await(KindCase.ROOM_LIST).getRoomList();
        assertThat(rooms.getRoomsList()).extracting(RoomSummary::getName, RoomSummary::getMembers, RoomSummary::getLocked)
                .containsExactly(tuple("lobby", 2, false));
        assertThat(List.of(rooms.getTotal(), rooms.getPage(), rooms.getPages())).containsExactly(1, 1, 1);

        bot.send(ClientMessage.newBuilder().setHelp(Help.getDefaultInstance()).build());
        List<CommandHelp> help = bot.await(KindCase.HELP).getHelp().getCommandsList();
        assertThat(help).extracting(command -> command.getUsage().split(" ")[0]).containsExactly(
                ":cr", ":n", ":erm", ":rooms", ":who", ":msg", ":nick", ":me", ":passwd", ":kick", ":host", ":topic",
                ":history", ":h", ":e");
        assertThat(help.get(0).getUsage()).isEqualTo(":cr <room> [password]");
        assertThat(help.get(0).getAliasesList()).contains("change-room");
        assertThat(help).allMatch(command -> !command.getDescription().isEmpty());
        // Who, rooms and help answer the program alone: nothing of them reached the room.
        alice.passed();
        Clients.sync(alice);
        assertThat(alice.passed()).isEmpty();

        bot.send(ClientMessage.newBuilder().setPrivateMessage(
                PrivateMessage.newBuilder().setName("alice").setText("psst")).build());
        assertThat(bot.await(KindCase.SENT).getSent().getTo()).isEqualTo("alice");
        alice.await("[dm] bot: psst");
        alice.send(":msg bot back at you");
        assertThat(bot.await(KindCase.PRIVATE_LINE).getPrivateLine())
                .extracting(line -> line.getFrom() + ": " + line.getText()).isEqualTo("alice: back at you");

        bot.send(ClientMessage.newBuilder().setNick(Nick.newBuilder().setName("robot")).build());
        assertThat(bot.await(KindCase.NAME_CHANGED).getNameChanged().getName()).isEqualTo("robot");
        alice.await("[lobby] -- bot is now known as robot");
        alice.send(":msg robot still you?");
        assertThat(bot.await(KindCase.PRIVATE_LINE).getPrivateLine().getText()).isEqualTo("still you?");

        bot.send(ClientMessage.newBuilder().setMe(Me.newBuilder().setAction("waves")).build());
        alice.await("[lobby] * robot waves");

        // A raw line is read as nc reads it: a colon command, or chat with its leading :: made one colon.
        bot.send(line(":who"));
        assertThat(bot.await(KindCase.MEMBER_LIST).getMemberList().getMembersList())
                .extracting(MemberSummary::getName).containsExactly("alice", "robot");
        bot.send(line("::colon first"));
        alice.await("[lobby] robot: :colon first");
        bot.send(line(":me nods"));
        alice.await("[lobby] * robot nods");
        // A typed Say is text, whatever it starts with.
        bot.send(say(":kick alice"));
        alice.await("[lobby] robot: :kick alice");

        alice.send("bye robot");
        RoomEvent said = bot.awaitRoomEvent(RoomEvent.WhatCase.SAID);
        assertThat(said.getRoom()).isEqualTo("lobby");
        assertThat(said.getSaid().getText()).isEqualTo("bye robot");

        bot.send(ClientMessage.newBuilder().setExit(Exit.getDefaultInstance()).build());
        assertThat(bot.await(KindCase.GOODBYE).getGoodbye())
                .extracting(goodbye -> goodbye.getText(), goodbye -> goodbye.getComeBack())
                .containsExactly("bye robot", false);
        assertThat(bot.awaitEnd()).isEqualTo(Status.OK);
        alice.await("[lobby] -- robot has left");

        bot.assertEachRoomInOrder();
    }

    @Test
    void aProgramHostsARoomAndItsCommandsAreRoomEventsForEveryone() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient carol = clients.login("carol");
        GrpcClient bot = login("bot", alice, carol);
        bot.send(newRoom("games"));
        bot.await(KindCase.ENTERED);
        alice.send(":cr games");
        bot.awaitRoomEvent(RoomEvent.WhatCase.JOINED);
        carol.send(":cr games");
        assertThat(bot.awaitRoomEvent(RoomEvent.WhatCase.JOINED).getFrom()).isEqualTo("carol");
        alice.await("[games] -- carol has joined");

        bot.send(ClientMessage.newBuilder().setSetTopic(SetTopic.newBuilder().setTopic("dice")).build());
        RoomEvent topic = bot.awaitRoomEvent(RoomEvent.WhatCase.TOPIC);
        assertThat(topic.getRoom()).isEqualTo("games");
        assertThat(topic.getFrom()).isEqualTo("bot");
        assertThat(topic.getTopic().getTopic()).isEqualTo("dice");
        alice.await("[games] -- bot set the topic: dice");
        bot.send(ClientMessage.newBuilder().setWho(Who.getDefaultInstance()).build());
        MemberList members = bot.await(KindCase.MEMBER_LIST).getMemberList();
        assertThat(members.getTopic()).isEqualTo("dice");
        assertThat(members.getMembersList()).extracting(MemberSummary::getName, MemberSummary::getHost).containsExactly(
                tuple("bot", true),
                tuple("alice", false),
                tuple("carol", false));

        bot.send(ClientMessage.newBuilder().setSetTopic(SetTopic.getDefaultInstance()).build());
        RoomEvent cleared = bot.awaitRoomEvent(RoomEvent.WhatCase.TOPIC);
        assertThat(cleared.getTopic().hasTopic()).isFalse();
        alice.await("[games] -- bot cleared the topic");

        bot.send(ClientMessage.newBuilder().setPromote(Promote.newBuilder().setName("alice")).build());
        RoomEvent host = bot.awaitRoomEvent(RoomEvent.WhatCase.HOST);
        assertThat(host.getHost().getName()).isEqualTo("alice");
        assertThat(host.getFrom()).isEqualTo("bot");
        alice.await("[games] -- alice is now a host");

        bot.send(ClientMessage.newBuilder().setKick(Kick.newBuilder().setName("carol")).build());
        RoomEvent kicked = bot.awaitRoomEvent(RoomEvent.WhatCase.KICKED);
        assertThat(kicked.getKicked().getName()).isEqualTo("carol");
        assertThat(kicked.getFrom()).isEqualTo("bot");
        assertThat(kicked.getRoom()).isEqualTo("games");
        alice.await("[games] -- carol was kicked by bot");
        carol.await("* you were kicked from games by bot");
        carol.await("* you are in lobby, nobody else is here");

        bot.send(ClientMessage.newBuilder().setSetPassword(SetPassword.newBuilder().setPassword("hunter2")).build());
        RoomEvent locked = bot.awaitRoomEvent(RoomEvent.WhatCase.LOCK);
        assertThat(locked.getLock().getLocked()).isTrue();
        alice.await("[games] -- bot locked the room");
        carol.send(":cr games");
        carol.await("! room games is locked (enter with :cr games <password>)");
        bot.send(ClientMessage.newBuilder().setListRooms(ListRooms.getDefaultInstance()).build());
        assertThat(bot.await(KindCase.ROOM_LIST).getRoomList().getRoomsList())
                .filteredOn(room -> room.getName().equals("games"))
                .extracting(RoomSummary::getMembers, RoomSummary::getLocked)
                .containsExactly(tuple(2, true));
        carol.send(":cr games hunter2");
        carol.await("* you are in games with bot, alice");
        assertThat(bot.awaitRoomEvent(RoomEvent.WhatCase.JOINED).getFrom()).isEqualTo("carol");

        bot.send(ClientMessage.newBuilder().setSetPassword(SetPassword.getDefaultInstance()).build());
        assertThat(bot.awaitRoomEvent(RoomEvent.WhatCase.LOCK).getLock().getLocked()).isFalse();
        alice.await("[games] -- bot unlocked the room");
        carol.await("[games] -- bot unlocked the room");

        bot.assertEachRoomInOrder();
    }

    @Test
    void refusedCommandsAreTypedErrorsAndTheStreamGoesOn() throws Exception {
        LineClient alice = clients.login("alice");
        LineClient carol = clients.login("carol");
        GrpcClient bot = login("bot", alice, carol);

        assertRefusedThenSays(kick("alice"), "room lobby has no hosts, so nobody can do that there", carol, "lobby");
        assertRefusedThenSays(changeRoom("nowhere"), "no room named nowhere (create it with :n nowhere)", carol, "lobby");
        assertRefusedThenSays(ClientMessage.newBuilder().setPrivateMessage(
                PrivateMessage.newBuilder().setName("nobody").setText("hello?")).build(), "no user named nobody", carol, "lobby");
        assertRefusedThenSays(line(":x"), "unknown command :x (try :h)", carol, "lobby");
        assertRefusedThenSays(ClientMessage.newBuilder().setNick(Nick.newBuilder().setName("carol")).build(),
                "name carol is taken", carol, "lobby");
        assertRefusedThenSays(newRoom("lobby"), "room lobby already exists (join it with :cr lobby)", carol, "lobby");
        assertRefusedThenSays(ClientMessage.newBuilder().setMessageRoom(
                MessageRoom.newBuilder().setRoom("no where").setText("hi")).build(),
                "invalid room name: room names are", carol, "lobby");

        alice.send(":n games");
        alice.await("* you are in games, nobody else is here");
        alice.send(":passwd hunter2");
        alice.await("[games] -- alice locked the room");
        assertRefusedThenSays(changeRoom("games"), "room games is locked (enter with :cr games <password>)", carol, "lobby");
        assertRefusedThenSays(ClientMessage.newBuilder().setMessageRoom(
                MessageRoom.newBuilder().setRoom("games").setText("let me in")).build(),
                "room games is locked (send with :erm games:<password> <text>)", carol, "lobby");
        // A wrong password counts as a guess: the next one from this address waits.
        assertRefusedThenSays(ClientMessage.newBuilder().setChangeRoom(
                ChangeRoom.newBuilder().setRoom("games").setPassword("guess")).build(),
                "wrong password for games", carol, "lobby");
        assertRefusedThenSays(ClientMessage.newBuilder().setMessageRoom(
                MessageRoom.newBuilder().setRoom("games").setPassword("guess2").setText("let me in")).build(),
                "too many wrong passwords; try again in ", carol, "lobby");

        alice.send(":passwd");
        alice.await("[games] -- alice unlocked the room");
        bot.send(changeRoom("games"));
        assertThat(bot.await(KindCase.ENTERED).getEntered().getRoom()).isEqualTo("games");
        alice.await("[games] -- bot has joined");
        assertRefusedThenSays(kick("alice"), "only a host of games can do that", alice, "games");
        assertRefusedThenSays(ClientMessage.newBuilder().setSetTopic(SetTopic.newBuilder().setTopic("mine")).build(),
                "only a host of games can do that", alice, "games");
        alice.send(":host bot");
        assertThat(bot.awaitRoomEvent(RoomEvent.WhatCase.HOST).getHost().getName()).isEqualTo("bot");
        assertRefusedThenSays(kick("bot"), "you can't kick yourself", alice, "games");
        assertRefusedThenSays(kick("carol"), "no user named carol in games", alice, "games");
        assertRefusedThenSays(ClientMessage.newBuilder().setPromote(Promote.newBuilder().setName("bot")).build(),
                "you are a host already", alice, "games");

        // Kicked by an nc host: told so, typed, and then where it is.
        alice.send(":kick bot");
        assertThat(bot.await(KindCase.KICKED_OUT).getKickedOut())
                .extracting(out -> out.getRoom() + " by " + out.getBy()).isEqualTo("games by alice");
        assertThat(bot.await(KindCase.ENTERED).getEntered().getRoom()).isEqualTo("lobby");
        carol.await("[lobby] -- bot has joined");
        bot.send(say("back in the lobby"));
        carol.await("[lobby] bot: back in the lobby");

        bot.assertEachRoomInOrder();
    }

    @Test
    void aProgramHostingALockedRoomIsToldOfWrongPasswordsTyped() throws Exception {
        LineClient alice = clients.login("alice");
        GrpcClient bot = login("bot", alice);
        bot.send(newRoom("vault"));
        bot.await(KindCase.ENTERED);
        bot.send(ClientMessage.newBuilder().setSetPassword(SetPassword.newBuilder().setPassword("s3cret")).build());
        bot.awaitRoomEvent(RoomEvent.WhatCase.LOCK);

        // Five wrong passwords from five addresses (each address waits after its own): the hosts are told at 5.
        for (int address = 2; address <= 6; address++) {
            LineClient guesser = clients.loginFrom(address, "guesser" + address);
            guesser.send(":cr vault pw-guess-" + address);
            guesser.await("! wrong password for vault");
        }
        assertThat(bot.await(KindCase.WRONG_PASSWORDS).getWrongPasswords())
                .extracting(wrong -> wrong.getCount() + " for " + wrong.getRoom() + " in " + wrong.getMinutes() + " minutes")
                .isEqualTo("5 for vault in 10 minutes");

        alice.send(":cr vault s3cret");
        alice.await("* you are in vault with bot");
        bot.send(say("only friends here"));
        alice.await("[vault] bot: only friends here");
        assertThat(bot.drained()).noneMatch(event -> event.toString().contains("pw-guess"));
    }

    /** {@code message} is refused with an error starting with {@code error}; then the program's next line reaches {@code listener}. */
    private void assertRefusedThenSays(ClientMessage message, String error, LineClient listener, String room)
            throws InterruptedException {
        bot.send(message);
        assertThat(bot.awaitError()).startsWith(error);
        String text = "still here after refusal " + ++refusals;
        bot.send(say(text));
        listener.await("[" + room + "] bot: " + text);
    }

    private static ClientMessage say(String text) {
        return ClientMessage.newBuilder().setSay(Say.newBuilder().setText(text)).build();
    }

    private static ClientMessage line(String line) {
        return ClientMessage.newBuilder().setLine(line).build();
    }

    private static ClientMessage newRoom(String room) {
        return ClientMessage.newBuilder().setNewRoom(NewRoom.newBuilder().setRoom(room)).build();
    }

    private static ClientMessage changeRoom(String room) {
        return ClientMessage.newBuilder().setChangeRoom(ChangeRoom.newBuilder().setRoom(room)).build();
    }

    private static ClientMessage kick(String name) {
        return ClientMessage.newBuilder().setKick(Kick.newBuilder().setName(name)).build();
    }
}
