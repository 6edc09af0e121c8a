package roomchat.core.chat;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.broker.Broker;
import roomchat.core.command.Command;
import roomchat.core.command.CommandWord;
import roomchat.core.command.Input;
import roomchat.core.event.Happening;
import roomchat.core.event.LeaveReason;
import roomchat.core.event.Notice;
import roomchat.core.event.RoomEvent;
import roomchat.core.history.HistoryStore;
import roomchat.core.limit.GuessLedger;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.MemberPort;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.room.RoomRegistry;

/**
 * The rules of the chat: what each input does, who hears about it, and what its sender is told.
 * Choosing a name and plain chat live here; each family of commands has a class of its own, and the
 * {@link CommandTable} says which runs which command.
 *
 * <p><b>Threads:</b> called on the thread that serves the member who typed the line (its event
 * loop). Changes to rooms go through the {@link RoomRegistry}; everything that happens in a room is
 * a {@link RoomEvent} published through the {@link Broker}, so a call here never waits on a
 * fan-out. The answer to the sender comes back as a {@link Reply} for the caller to send.
 */
public final class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    /** The room size up to which joins and leaves are announced, unless told otherwise. */
    public static final int DEFAULT_ANNOUNCE_LIMIT = 100;

    private final RoomRegistry registry;
    private final Moves moves;
    private final Said said;
    private final CommandTable commands;
    private final LongAdder unavailable = new LongAdder();
    /** Leavings still waiting for the registry (a cluster's Redis). */
    private final Set<CompletableFuture<Void>> leaving = ConcurrentHashMap.newKeySet();

    /**
     * A chat over these rooms, publishing through this broker. Joins and leaves are announced in
     * rooms of at most {@code announceLimit} members: in a bigger room every arrival would otherwise
     * cost a line to everyone, and a full lobby would spend its time telling itself who came.
     * Password guesses are slowed down by {@code guesses}.
     */
    public ChatService(RoomRegistry registry, Broker broker, int announceLimit, GuessLedger guesses) {
        this(registry, broker, announceLimit, guesses, HistoryStore.NONE);
    }

    /** As above, answering {@code :history} from {@code historyStore} when it is durable. */
    public ChatService(RoomRegistry registry, Broker broker, int announceLimit, GuessLedger guesses,
                       HistoryStore historyStore) {
        this.registry = registry;
        this.moves = new Moves(broker, announceLimit);
        this.said = new Said(broker, unavailable);
        RoomCommands rooms = new RoomCommands(registry, said, moves, guesses);
        PeopleCommands people = new PeopleCommands(registry, broker, said);
        HostCommands hosts = new HostCommands(registry, broker, moves);
        HistoryCommand history = new HistoryCommand(broker, historyStore);
        this.commands = new CommandTable()
                .on(CommandWord.CHANGE_ROOM, Command.ChangeRoom.class, rooms::changeRoom)
                .on(CommandWord.NEW_ROOM, Command.NewRoom.class, rooms::newRoom)
                .on(CommandWord.MESSAGE_ROOM, Command.MessageRoom.class, rooms::messageRoom)
                .on(CommandWord.LIST_ROOMS, Command.ListRooms.class, rooms::listRooms)
                .on(CommandWord.WHO, Command.Who.class, rooms::who)
                .on(CommandWord.PRIVATE_MESSAGE, Command.PrivateMessage.class, people::privateMessage)
                .on(CommandWord.NICK, Command.Nick.class, people::nick)
                .on(CommandWord.ME, Command.Me.class, people::me)
                .on(CommandWord.PASSWORD, Command.SetPassword.class, hosts::password)
                .on(CommandWord.KICK, Command.Kick.class, hosts::kick)
                .on(CommandWord.HOST, Command.Promote.class, hosts::promote)
                .on(CommandWord.TOPIC, Command.SetTopic.class, hosts::topic)
                .on(CommandWord.HISTORY, Command.ShowHistory.class, history::show)
                .on(CommandWord.HELP, Command.Help.class, (member, help) -> Reply.of(new Notice.Help()).now())
                .on(CommandWord.EXIT, Command.Exit.class, (member, exit) -> exit(member).now())
                .complete();
        registry.announceForcedMovesTo(moves);
    }

    /** What a new connection is told before anything else. */
    public Reply greeting() {
        return Reply.of(new Notice.Welcome(registry.memberCount()), namePrompt());
    }

    /**
     * Handles a line typed while the connection has no screen name yet. The member it becomes is
     * reached through {@code port}; {@code address} is the client's, which limits count by (a
     * proxy's report of it, or the peer's).
     */
    public CompletionStage<NameStep> beforeName(Input input, MemberPort port, InetAddress address) {
        if (input instanceof Input.ChatText text) {
            return chooseName(text.text().strip(), port, address);
        }
        if (input instanceof Command command && CommandWord.of(command).usableBeforeName()) {
            return answer(commands.run(null, command)).thenApply(reply -> new NameStep(reply, Optional.empty()));
        }
        String reason = input instanceof Input.Invalid invalid ? invalid.reason() : "choose a screen name first";
        return CompletableFuture.completedFuture(rejectName(reason));
    }

    /** Handles a line typed by a member; the answer may come later, and never fails. */
    public CompletionStage<Reply> handle(Member member, Input input) {
        if (input instanceof Input.ChatText text) {
            return say(member, text.text());
        }
        if (input instanceof Input.Invalid invalid) {
            return Reply.error(invalid.reason()).now();
        }
        return answer(commands.run(member, (Command) input));
    }

    /**
     * Takes a member off the server for {@code why}: out of its room, which is told, and its name freed.
     * Idempotent. The stage completes once it is done.
     */
    public CompletionStage<Void> leave(Member member, LeaveReason why) {
        CompletableFuture<Void> left = registry.leave(member)
                .thenAccept(departure -> departure.ifPresent(gone -> moves.departed(member, gone, why))).toCompletableFuture();
        if (!left.isDone()) {
            leaving.add(left);
            left.whenComplete((done, failure) -> leaving.remove(left));
        }
        return left;
    }

    /**
     * Completes once every leaving asked for so far has been made and announced (its events handed
     * to the broker): a stopping server waits for it before letting go of its rooms' store.
     */
    public CompletableFuture<Void> leavingsDone() {
        return CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new));
    }

    /** Lines and commands refused so far because the rooms' store could not be reached. */
    public long unavailableRefusals() {
        return unavailable.sum();
    }

    private CompletionStage<NameStep> chooseName(String name, MemberPort port, InetAddress address) {
        if (!NameRules.isScreenName(name)) {
            return CompletableFuture.completedFuture(rejectName("invalid name: names are " + NameRules.SCREEN_NAME_RULE));
        }
        return registry.claim(name, port, address).handle((claim, failure) -> {
            if (failure != null) {
                return rejectName(whyFailed(failure));
            }
            if (!(claim instanceof NameChange.Claimed claimed)) {
                return rejectName(NameRefusals.why(name, claim));
            }
            RoomChange.Moved moved = claimed.moved();
            log.info("{} is now {}", address, moved.member());
            Reply welcome = Reply.of(moves.announce(moved), new Notice.Named(moved.member().name())).andThen(moved.admission());
            return new NameStep(welcome, Optional.of(moved.member()));
        });
    }

    /** {@code reply}, or the error that says why it could not be had. */
    private CompletionStage<Reply> answer(CompletionStage<Reply> reply) {
        CompletableFuture<Reply> answered = reply.toCompletableFuture();
        if (answered.isDone() && !answered.isCompletedExceptionally()) {
            return answered;
        }
        return reply.exceptionally(failure -> Reply.error(whyFailed(failure)));
    }

    private String whyFailed(Throwable failure) {
        String why = said.why(failure);
        if (why == null) {
            log.error("a command failed", failure);
            return "that failed on the server; try again";
        }
        return why;
    }

    private static Notice namePrompt() {
        return new Notice.NamePrompt(NameRules.SCREEN_NAME_RULE);
    }

    private static NameStep rejectName(String reason) {
        return new NameStep(Reply.of(new Notice.Error(reason), namePrompt()), Optional.empty());
    }

    private CompletionStage<Reply> say(Member member, String text) {
        Room room = member.room();
        if (room != null) {
            said.publish(room, member, new Happening.Said(text));
        }
        return Reply.NONE_NOW;
    }

    private Reply exit(Member member) {
        if (member == null) {
            return Reply.closing("bye");
        }
        leave(member, LeaveReason.QUIT);
        return Reply.closing("bye " + member.name());
    }
}
