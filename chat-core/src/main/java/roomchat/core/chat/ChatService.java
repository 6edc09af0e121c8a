package roomchat.core.chat;

import io.netty.channel.Channel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.command.Command;
import roomchat.core.command.Input;
import roomchat.core.dispatch.Dispatcher;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.room.RoomMessage;
import roomchat.core.room.RoomRegistry;

/**
 * The rules of the chat: what each input does, who hears about it, and what its sender is told.
 *
 * <p><b>Threads:</b> called on the event loop of the connection whose user typed the line. Changes
 * to rooms go through the {@link RoomRegistry}; everything meant for a room goes through the
 * {@link Dispatcher}, so a call here never waits on a fan-out. The answer to the sender comes back
 * as a {@link Reply} for the caller to write on that same event loop.
 */
public final class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final RoomRegistry registry;
    private final Dispatcher dispatcher;

    /** A chat over these rooms, delivering through this dispatcher. */
    public ChatService(RoomRegistry registry, Dispatcher dispatcher) {
        this.registry = registry;
        this.dispatcher = dispatcher;
    }

    /** What a new connection is told before anything else. */
    public Reply greeting() {
        return Reply.of(Lines.notice("welcome to roomchat, " + registry.memberCount() + " online"),
                Lines.namePrompt());
    }

    /** Handles a line typed while the connection has no screen name yet. */
    public NameStep beforeName(Input input, Channel channel) {
        if (input instanceof Input.ChatText text) {
            return chooseName(text.text().strip(), channel);
        }
        if (input instanceof Command.Help) {
            return new NameStep(HelpText.reply(), Optional.empty());
        }
        if (input instanceof Command.Exit) {
            return new NameStep(Reply.closing(Lines.notice("bye")), Optional.empty());
        }
        String reason = input instanceof Input.Invalid invalid ? invalid.reason() : "choose a screen name first";
        return new NameStep(Reply.of(Lines.error(reason), Lines.namePrompt()), Optional.empty());
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
        registry.leave(member).ifPresent(room -> {
            log.info("{} {} left {}", member.channel().remoteAddress(), member, room);
            dispatcher.publish(room, RoomMessage.toAll(Lines.left(member, room)));
        });
    }

    private NameStep chooseName(String name, Channel channel) {
        if (!NameRules.isScreenName(name)) {
            return rejectName("invalid name: names are " + NameRules.SCREEN_NAME_RULE);
        }
        Optional<RoomChange.Moved> entered = registry.claim(name, channel);
        if (entered.isEmpty()) {
            return rejectName("name " + name + " is taken");
        }
        RoomChange.Moved moved = entered.get();
        log.info("{} is now {}", channel.remoteAddress(), moved.member());
        announce(moved);
        Reply welcome = Reply.of(Lines.youAreIn(moved.to(), moved.company()),
                Lines.notice("type :h for help, :e to leave"));
        return new NameStep(welcome, Optional.of(moved.member()));
    }

    private static NameStep rejectName(String reason) {
        return new NameStep(Reply.of(Lines.error(reason), Lines.namePrompt()), Optional.empty());
    }

    private void say(Member member, String text) {
        Room room = member.room();
        if (room != null) {
            dispatcher.publish(room, RoomMessage.toOthers(Lines.chat(room, member, text), member));
        }
    }

    private Reply execute(Member member, Command command) {
        if (command instanceof Command.ChangeRoom change) {
            return changeRoom(member, change.room());
        }
        if (command instanceof Command.NewRoom create) {
            return newRoom(member, create.room());
        }
        if (command instanceof Command.MessageRoom message) {
            return messageRoom(member, message.room(), message.text());
        }
        if (command instanceof Command.Help) {
            return HelpText.reply();
        }
        leave(member);
        return Reply.closing(Lines.notice("bye " + member.name()));
    }

    private Reply changeRoom(Member member, String roomName) {
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName();
        }
        RoomChange change = registry.moveTo(member, roomName);
        if (change instanceof RoomChange.Moved moved) {
            announce(moved);
            return Reply.of(Lines.youAreIn(moved.to(), moved.company()));
        }
        if (change instanceof RoomChange.AlreadyThere already) {
            return Reply.of(Lines.notice("you are already in " + already.room().name()));
        }
        return noSuchRoom(roomName);
    }

    private Reply newRoom(Member member, String roomName) {
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName();
        }
        RoomChange change = registry.create(member, roomName);
        if (change instanceof RoomChange.Moved moved) {
            announce(moved);
            return Reply.of(Lines.notice("created " + moved.to().name()), Lines.youAreIn(moved.to(), moved.company()));
        }
        String existing = ((RoomChange.RoomExists) change).room().name();
        return Reply.of(Lines.error("room " + existing + " already exists (join it with :cr " + existing + ")"));
    }

    private Reply messageRoom(Member member, String roomName, String text) {
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName();
        }
        Optional<Room> target = registry.find(roomName);
        Room own = member.room();
        if (target.isEmpty() || own == null) {
            return noSuchRoom(roomName);
        }
        dispatcher.publish(target.get(), RoomMessage.toOthers(Lines.relayed(target.get(), member, own, text), member));
        return Reply.of(Lines.notice("sent to " + target.get().name()));
    }

    private void announce(RoomChange.Moved moved) {
        Member member = moved.member();
        log.info("{} {} joined {}", member.channel().remoteAddress(), member, moved.to());
        if (moved.from() != null) {
            dispatcher.publish(moved.from(), RoomMessage.toAll(Lines.left(member, moved.from())));
        }
        dispatcher.publish(moved.to(), RoomMessage.toOthers(Lines.joined(member, moved.to()), member));
    }

    private static Reply invalidRoomName() {
        return Reply.of(Lines.error("invalid room name: room names are " + NameRules.ROOM_NAME_RULE));
    }

    private static Reply noSuchRoom(String roomName) {
        return Reply.of(Lines.error("no room named " + roomName + " (create it with :n " + roomName + ")"));
    }
}
