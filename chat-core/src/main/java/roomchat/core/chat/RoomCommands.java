package roomchat.core.chat;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.command.Command;
import roomchat.core.broker.Broker;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.limit.GuessLedger;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.Page;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
import roomchat.core.room.RoomInfo;
import roomchat.core.room.RoomList;
import roomchat.core.room.RoomRegistry;

/**
 * The commands about rooms anyone may give: {@code :cr}, {@code :n}, {@code :erm}, {@code :rooms},
 * {@code :who}. Every password given to {@code :cr} or {@code :erm} for another room is a guess the
 * {@link GuessLedger} may slow down; a member's own room needs none.
 */
final class RoomCommands {

    private static final Logger log = LoggerFactory.getLogger(RoomCommands.class);

    /** Rooms on one page of {@code :rooms}: with topics cut short, one answer stays within a few KiB. */
    static final int ROOMS_PER_PAGE = 30;
    /** Names on one page of {@code :who}. */
    static final int NAMES_PER_PAGE = 100;

    private final RoomRegistry registry;
    private final Broker broker;
    private final Moves moves;
    private final GuessLedger guesses;

    RoomCommands(RoomRegistry registry, Broker broker, Moves moves, GuessLedger guesses) {
        this.registry = registry;
        this.broker = broker;
        this.moves = moves;
        this.guesses = guesses;
    }

    Reply changeRoom(Member member, Command.ChangeRoom command) {
        String roomName = command.room();
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName();
        }
        Room own = ownRoom(member, roomName);
        if (own != null) {
            return alreadyIn(own);
        }
        try (GuessLedger.Guess guess = startGuess(member, roomName, command.password())) {
            if (guess.secondsToWait() > 0) {
                return tooManyGuesses(guess);
            }
            RoomChange change = registry.moveTo(member, roomName, command.password().orElse(null));
            if (change instanceof RoomChange.Moved moved) {
                return new Reply(moves.announce(moved), false);
            }
            if (change instanceof RoomChange.AlreadyThere already) {
                return alreadyIn(already.room());
            }
            return refused(member, change, guess, ":cr " + roomName + " <password>", "enter");
        }
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
        return Reply.error("room " + existing + " already exists (join it with :cr " + existing + ")");
    }

    Reply messageRoom(Member member, Command.MessageRoom command) {
        String roomName = command.room();
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName();
        }
        Room own = member.room();
        if (own == null) {
            return Reply.NONE;
        }
        Room target = ownRoom(member, roomName);
        if (target == null) {
            try (GuessLedger.Guess guess = startGuess(member, roomName, command.password())) {
                if (guess.secondsToWait() > 0) {
                    return tooManyGuesses(guess);
                }
                RoomChange entry = registry.checkEntry(roomName, command.password().orElse(null));
                if (!(entry instanceof RoomChange.Open open)) {
                    return refused(member, entry, guess, ":erm " + roomName + ":<password> <text>", "send");
                }
                target = open.room();
            }
        }
        Said.publish(broker, target, member, new Happening.Relayed(own.name(), command.text()));
        return Reply.of(new Notice.Sent(target.name()));
    }

    Reply listRooms(Member member, Command.ListRooms command) {
        Page page = new Page(command.page(), ROOMS_PER_PAGE);
        RoomList list = registry.listRooms(page);
        return Reply.of(new Notice.RoomsPage(list.rooms(), list.total(), page));
    }

    Reply who(Member member, Command.Who command) {
        Page page = new Page(command.page(), NAMES_PER_PAGE);
        RoomInfo room = registry.describe(member, page);
        return Reply.of(new Notice.MembersPage(room, page));
    }

    /** The member's room if it is called {@code roomName}: no password is needed there. */
    private static Room ownRoom(Member member, String roomName) {
        Room room = member.room();
        return room != null && room.key().equals(NameRules.key(roomName)) ? room : null;
    }

    /** A guess at the room's password, if one was given; else one the ledger has no say in. */
    private GuessLedger.Guess startGuess(Member member, String roomName, Optional<String> password) {
        return password.isPresent() ? guesses.start(member.address(), NameRules.key(roomName)) : GuessLedger.Guess.FREE;
    }

    /** The answer to an entry that was refused: no such room, locked, or a wrong password (which counts). */
    private Reply refused(Member member, RoomChange change, GuessLedger.Guess guess, String withPassword, String verb) {
        if (change instanceof RoomChange.Locked locked) {
            return Reply.error("room " + locked.room().name() + " is locked (" + verb + " with " + withPassword + ")");
        }
        if (change instanceof RoomChange.WrongPassword wrong) {
            log.info("{} {} gave a wrong password for {}", member.address(), member, wrong.room());
            int toTell = guess.wrong();
            if (toTell > 0) {
                Notice notice = new Notice.WrongPasswords(toTell, wrong.room().name(), GuessLedger.WINDOW_MINUTES);
                registry.hostsOf(wrong.room()).forEach(host -> host.port().deliver(notice));
            }
            return Reply.error("wrong password for " + wrong.room().name());
        }
        String name = change instanceof RoomChange.NoSuchRoom none ? none.name() : "that";
        return Reply.error("no room named " + name + " (create it with :n " + name + ")");
    }

    private static Reply alreadyIn(Room room) {
        return Reply.of(new Notice.AlreadyIn(room.name()));
    }

    private static Reply tooManyGuesses(GuessLedger.Guess guess) {
        return Reply.error("too many wrong passwords; try again in " + guess.secondsToWait() + "s");
    }

    private static Reply invalidRoomName() {
        return Reply.error("invalid room name: room names are " + NameRules.ROOM_NAME_RULE);
    }
}
