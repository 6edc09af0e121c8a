package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;
import roomchat.v1.ChangeRoom;
import roomchat.v1.ClientMessage;
import roomchat.v1.Entered;
import roomchat.v1.NewRoom;
import roomchat.v1.RoomEvent;
import roomchat.v1.Say;
import roomchat.v1.ServerEvent.KindCase;

/**
 * A program on the gRPC door of one node of a cluster (two nodes on a real Redis) and an nc user on
 * the other: their lines cross the nodes both ways, and a room's events from the other node reach the
 * program typed, with their room and their place in the room's one order.
 */
class GrpcClusterEndToEndTest {

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(2, RunningServer.WHOLE_LINES.andThen(
            config -> config.grpcPort = ServerConfig.ANY_FREE_PORT));

    private final ClusterClients clients = new ClusterClients();
    private GrpcClient bot;

    @AfterEach
    void closeClients() throws IOException, InterruptedException {
        clients.close();
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void aProgramOnOneNodeAndAnNcUserOnTheOtherChatInOneRoom() throws Exception {
        LineClient alice = clients.login(cluster.address(1), "alice");
        bot = GrpcClient.login(cluster.node(0).grpcAddress(), "bot");
        alice.await("[lobby] -- bot has joined");

        alice.send("hello from node 1");
        RoomEvent said = bot.awaitRoomEvent(RoomEvent.WhatCase.SAID);
        assertThat(said.getRoom()).isEqualTo("lobby");
        assertThat(said.getFrom()).isEqualTo("alice");
        assertThat(said.getSaid().getText()).isEqualTo("hello from node 1");
        assertThat(said.getSeq()).isPositive();
        bot.send(say("hello from node 0"));
        alice.await("[lobby] bot: hello from node 0");

        // A room made on node 0 by the program, entered from node 1: its events cross in its one order.
        bot.send(ClientMessage.newBuilder().setNewRoom(NewRoom.newBuilder().setRoom("games")).build());
        Entered created = bot.await(KindCase.ENTERED).getEntered();
        assertThat(created.getRoom()).isEqualTo("games");
        assertThat(created.getCreated()).isTrue();
        alice.await("[lobby] -- bot has left");
        alice.send(":cr games");
        alice.await("* you are in games with bot");
        RoomEvent joined = bot.awaitRoomEvent(RoomEvent.WhatCase.JOINED);
        assertThat(joined.getRoom()).isEqualTo("games");
        assertThat(joined.getFrom()).isEqualTo("alice");

        long lastSeq = joined.getSeq();
        for (int i = 1; i <= 3; i++) {
            alice.send("move " + i);
            RoomEvent move = bot.awaitRoomEvent(RoomEvent.WhatCase.SAID);
            assertThat(move.getRoom()).isEqualTo("games");
            assertThat(move.getSaid().getText()).isEqualTo("move " + i);
            assertThat(move.getSeq()).as("the seq of move %d", i).isGreaterThan(lastSeq);
            lastSeq = move.getSeq();
            bot.send(say("answer " + i));
            alice.await("[games] bot: answer " + i);
        }
        alice.send(":me resigns");
        RoomEvent action = bot.awaitRoomEvent(RoomEvent.WhatCase.ACTION);
        assertThat(action.getRoom()).isEqualTo("games");
        assertThat(action.getAction().getText()).isEqualTo("resigns");
        // The program's own three answers took numbers between alice's lines, which it is not sent.
        assertThat(action.getSeq()).isGreaterThan(lastSeq + 1);

        bot.assertEachRoomInOrder();
    }

    @Test
    void aProgramEnteringARoomOfTheOtherNodeGetsWhereItIsThenItsHistoryThenWhatIsLive() throws Exception {
        LineClient alice = clients.login(cluster.address(1), "alice");
        alice.send(":n chess");
        alice.await("* you are in chess, nobody else is here");
        alice.send("e4");
        alice.send(":me thinks");
        Clients.sync(alice);
        bot = GrpcClient.login(cluster.node(0).grpcAddress(), "bot");

        bot.send(ClientMessage.newBuilder().setChangeRoom(ChangeRoom.newBuilder().setRoom("chess")).build());
        Entered entered = bot.await(KindCase.ENTERED).getEntered();
        assertThat(entered.getRoom()).isEqualTo("chess");
        assertThat(entered.getMembersList()).containsExactly("alice");
        List<RoomEvent> history = bot.next().getHistory().getEventsList();
        assertThat(history).extracting(RoomEvent::getWhatCase)
                .containsExactly(RoomEvent.WhatCase.SAID, RoomEvent.WhatCase.ACTION);
        assertThat(history).allMatch(event -> event.getRoom().equals("chess") && event.getFrom().equals("alice"));
        alice.await("[chess] -- bot has joined");

        alice.send("e5?");
        RoomEvent live = bot.awaitRoomEvent(RoomEvent.WhatCase.SAID);
        assertThat(live.getSaid().getText()).isEqualTo("e5?");
        assertThat(live.getSeq()).isGreaterThan(history.get(1).getSeq());
        bot.send(say("d4"));
        alice.await("[chess] bot: d4");

        bot.assertEachRoomInOrder();
    }

    private static ClientMessage say(String text) {
        return ClientMessage.newBuilder().setSay(Say.newBuilder().setText(text)).build();
    }
}
