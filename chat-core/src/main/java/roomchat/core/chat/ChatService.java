package roomchat.core.chat;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.dispatch.Dispatcher;
import roomchat.core.limit.GuessLedger;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.room.RoomMessage;
import roomchat.core.room.RoomRegistry;

/**
 * The rules of the chat: what each input does, who hears about it, and what its sender is told.
 * Choosing a name and plain chat live here; each family of commands has a class of its own.
 *
 * <p><b>Threads:</b> called on the event loop of the connection whose user typed the line. Changes
 * to rooms go through the {@link RoomRegistry}; everything meant for others goes through the
 * {@link Dispatcher}, so a call here never waits on a fan-out. The answer to the sender comes back
 * as a {@link Reply} for the caller to write on that same event loop.
 */
public final class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final RoomRegistry registry;
    private final Dispatcher dispatcher;
    private final Moves moves;
    private final RoomCommands roomCommands;
    private final PeopleCommands peopleCommands;
    private final HostCommands hostCommands;

    /** The room size up to which joins and leaves are announced, unless told otherwise. */
    public static final int DEFAULT_ANNOUNCE_LIMIT = 100;

    /** A chat over these rooms, delivering through this dispatcher, with the default announce limit. */
    public ChatService(RoomRegistry registry, Dispatcher dispatcher) {
        this(registry, dispatcher, DEFAULT_ANNOUNCE_LIMIT);
    }

    /**
     * A chat over these rooms, delivering through this dispatcher. Joins and leaves are announced in
     * rooms of at most {@code announceLimit} members: in a bigger room every arrival would otherwise
     * cost a line to everyone, and a full lobby would spend its time telling itself who came.
     */
    public ChatService(RoomRegistry registry, Dispatcher dispatcher, int announceLimit) {
        this(registry, dispatcher, announceLimit, new GuessLedger());
    }

    /** As above, slowing down password guesses with {@code guesses}. */
    public ChatService(RoomRegistry registry, Dispatcher dispatcher, int announceLimit, GuessLedger guesses) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        registry.deliverMovesTo(dispatcher);
        this.moves = new Moves(dispatcher, announceLimit);
        this.roomCommands = new RoomCommands(registry, dispatcher, moves, guesses);
        this.peopleCommands = new PeopleCommands(registry, dispatcher);
        this.hostCommands = new HostCommands(registry, dispatcher, moves);
    }

    /** What a new connection is told before anything else. */
    public Reply greeting() {
        return Reply.of(Lines.notice("welcome to roomchat, " + registry.memberCount() + " online"),
                Lines.namePrompt());
    }

    /**
     * Handles a line typed while the connection has no screen name yet. {@code address} is the
     * client's, which limits count by (a proxy's report of it, or the peer's).
     */
    public NameStep beforeName(Input input, Channel channel, InetAddress address) {
        if (input instanceof Input.ChatText text) {
            return chooseName(text.text().strip(), channel, address);
        }
        if (input instanceof Command.Help) {
            return new NameStep(HelpText.reply(), Optional.empty());
        }
        if (input instanceof Command.Exit) {
            return new NameStep(Reply.closing(Lines.notice("bye")), Optional.empty());
        }
        String reason = input instanceof Input.Invalid invalid ? invalid.reason() : "choose a screen name first";
        return rejectName(reason);
    }

    /** Handles a line typed by a member. */
    public Reply handle(Member member, Input input) {
        if (input instanceof Input.ChatText text) {
            say(member, text.text());
            return Reply.NONE;
        }
        if (input instanceof Input.Invalid invalid) {
            return Reply.of(Lines.error(invalid.reason()));
        }
        return execute(member, (Command) input);
    }

    /** Takes a member off the server: out of its room, which is told, and its name freed. Idempotent. */
    public void leave(Member member) {
        registry.leave(member).ifPresent(departure -> moves.departed(member, departure));
    }

    private NameStep chooseName(String name, Channel channel, InetAddress address) {
        if (!NameRules.isScreenName(name)) {
            return rejectName("invalid name: names are " + NameRules.SCREEN_NAME_RULE);
        }
        NameChange claim = registry.claim(name, channel, address);
        if (!(claim instanceof NameChange.Claimed claimed)) {
            return rejectName(Lines.nameRefused(name, claim));
        }
        RoomChange.Moved moved = claimed.moved();
        log.info("{} is now {}", address, moved.member());
        Reply welcome = Reply.of(moves.announce(moved), Lines.notice("type :h for help, :e to leave"));
        return new NameStep(welcome, Optional.of(moved.member()));
    }

    private static NameStep rejectName(String reason) {
        return new NameStep(Reply.of(Lines.error(reason), Lines.namePrompt()), Optional.empty());
    }

    private void say(Member member, String text) {
        Room room = member.room();
        if (room != null) {
            dispatcher.publish(room, RoomMessage.said(Lines.chat(room, member, text), member));
        }
    }

    private Reply execute(Member member, Command command) {
        if (command instanceof Command.ChangeRoom c) {
            return roomCommands.changeRoom(member, c);
        } else if (command instanceof Command.NewRoom c) {
            return roomCommands.newRoom(member, c);
        } else if (command instanceof Command.MessageRoom c) {
            return roomCommands.messageRoom(member, c);
        } else if (command instanceof Command.ListRooms c) {
            return roomCommands.listRooms(c);
        } else if (command instanceof Command.Who c) {
            return roomCommands.who(member, c);
        } else if (command instanceof Command.PrivateMessage c) {
            return peopleCommands.privateMessage(member, c);
        } else if (command instanceof Command.Nick c) {
            return peopleCommands.nick(member, c);
        } else if (command instanceof Command.Me c) {
            return peopleCommands.me(member, c);
        } else if (command instanceof Command.SetPassword c) {
            return hostCommands.password(member, c);
        } else if (command instanceof Command.SetTopic c) {
            return hostCommands.topic(member, c);
        } else if (command instanceof Command.Kick c) {
            return hostCommands.kick(member, c);
        } else if (command instanceof Command.Promote c) {
            return hostCommands.promote(member, c);
        } else if (command instanceof Command.Help) {
            return HelpText.reply();
        }
        leave(member);
        return Reply.closing(Lines.notice("bye " + member.name()));
    }
}
