package roomchat.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import roomchat.core.command.Command;
import roomchat.core.dispatch.Dispatcher;
import roomchat.core.limit.GuessThrottle;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.Page;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.room.RoomInfo;
import roomchat.core.room.RoomList;
import roomchat.core.room.RoomMessage;
import roomchat.core.room.RoomRegistry;

/** The commands about rooms anyone may give: {@code :cr}, {@code :n}, {@code :erm}, {@code :rooms}, {@code :who}. */
final class RoomCommands {

    /** Rooms on one page of {@code :rooms}: with topics cut short, one answer stays within a few KiB. */
    static final int ROOMS_PER_PAGE = 30;
    /** Names on one page of {@code :who}. */
    static final int NAMES_PER_PAGE = 100;

    private final RoomRegistry registry;
    private final Dispatcher dispatcher;
    private final Moves moves;

    RoomCommands(RoomRegistry registry, Dispatcher dispatcher, Moves moves) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.moves = moves;
    }

    Reply changeRoom(Member member, Command.ChangeRoom command) {
        String roomName = command.room();
        Optional<Reply> refusal = refuseBeforeEntry(member, roomName, command.password());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RoomChange change = registry.moveTo(member, roomName, command.password().orElse(null));
        if (change instanceof RoomChange.Moved moved) {
            return new Reply(moves.announce(moved), false);
        }
        if (change instanceof RoomChange.AlreadyThere already) {
            return Reply.of(Lines.notice("you are already in " + already.room().name()));
        }
        return refused(member, change, ":cr " + roomName + " <password>", "enter");
    }

    Reply newRoom(Member member, Command.NewRoom command) {
        String roomName = command.room();
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName();
        }
        RoomChange change = registry.create(member, roomName);
        if (change instanceof RoomChange.Moved moved) {
            return new Reply(moves.announce(moved), false);
        }
        String existing = ((RoomChange.RoomExists) change).room().name();
        return Reply.of(Lines.error("room " + existing + " already exists (join it with :cr " + existing + ")"));
    }

    Reply messageRoom(Member member, Command.MessageRoom command) {
        String roomName = command.room();
        Optional<Reply> refusal = refuseBeforeEntry(member, roomName, command.password());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RoomChange entry = registry.checkEntry(roomName, command.password().orElse(null));
        Room own = member.room();
        if (!(entry instanceof RoomChange.Open open) || own == null) {
            return refused(member, entry, ":erm " + roomName + ":<password> <text>", "send");
        }
        Room target = open.room();
        dispatcher.publish(target, RoomMessage.said(Lines.relayed(target, member, own, command.text()), member));
        return Reply.of(Lines.notice("sent to " + target.name()));
    }

    Reply listRooms(Command.ListRooms command) {
        Page page = new Page(command.page(), ROOMS_PER_PAGE);
        RoomList list = registry.listRooms(page);
        if (list.rooms().isEmpty()) {
            return Reply.of(Lines.noSuchPage(page, list.total()));
        }
        List<String> lines = new ArrayList<>(list.rooms().size() + 2);
        lines.add(Lines.notice("rooms (" + list.total() + "):"));
        list.rooms().forEach(room -> lines.add(Lines.roomEntry(room)));
        Lines.pageFooter(page, list.total(), ":rooms").ifPresent(lines::add);
        return new Reply(lines, false);
    }

    Reply who(Member member, Command.Who command) {
        Page page = new Page(command.page(), NAMES_PER_PAGE);
        RoomInfo room = registry.describe(member, page);
        if (room.members().isEmpty()) {
            return Reply.of(Lines.noSuchPage(page, room.memberCount()));
        }
        List<String> lines = new ArrayList<>(2);
        lines.add(Lines.who(room));
        Lines.pageFooter(page, room.memberCount(), ":who").ifPresent(lines::add);
        return new Reply(lines, false);
    }

    /** What stops an entry before the registry is asked: a misspelled room, or a guess that must wait. */
    private static Optional<Reply> refuseBeforeEntry(Member member, String roomName, Optional<String> password) {
        if (!NameRules.isRoomName(roomName)) {
            return Optional.of(invalidRoomName());
        }
        long wait = password.isPresent() ? member.passwordGuesses().secondsToWait(System.nanoTime()) : 0;
        return wait == 0 ? Optional.empty()
                : Optional.of(Reply.of(Lines.error("too many wrong passwords; try again in " + wait + "s")));
    }

    /** The answer to an entry that was refused: no such room, locked, or a wrong password. */
    private static Reply refused(Member member, RoomChange change, String withPassword, String verb) {
        if (change instanceof RoomChange.Locked locked) {
            return Reply.of(Lines.error("room " + locked.room().name() + " is locked (" + verb + " with " + withPassword + ")"));
        }
        if (change instanceof RoomChange.WrongPassword wrong) {
            GuessThrottle guesses = member.passwordGuesses();
            guesses.wrong(System.nanoTime());
            return Reply.of(Lines.error("wrong password for " + wrong.room().name()));
        }
        String name = change instanceof RoomChange.NoSuchRoom none ? none.name() : "that";
        return Reply.of(Lines.error("no room named " + name + " (create it with :n " + name + ")"));
    }

    private static Reply invalidRoomName() {
        return Reply.of(Lines.error("invalid room name: room names are " + NameRules.ROOM_NAME_RULE));
    }
}
