package roomchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import roomchat.server.ServerConfig;
import roomchat.v1.ChangeRoom;
import roomchat.v1.ClientMessage;
import roomchat.v1.NewRoom;
import roomchat.v1.Say;
import roomchat.v1.ServerEvent;

/** The gRPC door with the stubs generated from chat.proto: a program and nc users in the same rooms. */
class GrpcEndToEndTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(config -> config.grpcPort = ServerConfig.ANY_FREE_PORT);

    private final Clients clients = new Clients(server);
    private GrpcClient bot;

    @AfterEach
    void closeClients() throws IOException, InterruptedException {
        clients.close();
        if (bot != null) {
            bot.close();
        }
    }

    private GrpcClient namedBot(String name) throws InterruptedException {
        bot = GrpcClient.login(server.server().grpcAddress(), name);
        return bot;
    }

    @Test
    void aProgramAndAnNcUserExchangeALineInTheLobby() throws Exception {
        LineClient alice = clients.login("alice");
        GrpcClient bot = namedBot("bot");
        alice.await("[lobby] -- bot has joined");

        alice.send("hello bot");
        ServerEvent said = bot.await(event -> event.hasRoomEvent() && event.getRoomEvent().hasSaid());
        assertThat(said.getRoomEvent().getRoom()).isEqualTo("lobby");
        assertThat(said.getRoomEvent().getFrom()).isEqualTo("alice");
        assertThat(said.getRoomEvent().getSaid().getText()).isEqualTo("hello bot");
        assertThat(said.getRoomEvent().getSeq()).isPositive();

        bot.send(ClientMessage.newBuilder().setSay(Say.newBuilder().setText("hi alice")).build());
        alice.await("[lobby] bot: hi alice");
    }

    @Test
    void typedCommandsMoveTheProgramAndErrorsComeTypedWithTheStreamStillUsable() throws Exception {
        LineClient alice = clients.login("alice");
        GrpcClient bot = namedBot("bot");

        bot.send(ClientMessage.newBuilder().setChangeRoom(ChangeRoom.newBuilder().setRoom("nowhere")).build());
        assertThat(bot.await(ServerEvent::hasError).getError().getText()).contains("nowhere");

        bot.send(ClientMessage.newBuilder().setNewRoom(NewRoom.newBuilder().setRoom("games")).build());
        ServerEvent entered = bot.await(ServerEvent::hasEntered);
        assertThat(entered.getEntered().getRoom()).isEqualTo("games");
        assertThat(entered.getEntered().getCreated()).isTrue();

        alice.send(":cr games");
        ServerEvent joined = bot.await(event -> event.hasRoomEvent() && event.getRoomEvent().hasJoined());
        assertThat(joined.getRoomEvent().getFrom()).isEqualTo("alice");
        assertThat(joined.getRoomEvent().getRoom()).isEqualTo("games");

        bot.send(ClientMessage.newBuilder().setLine(":me waves").build());
        alice.await("[games] * bot waves");
    }
}
