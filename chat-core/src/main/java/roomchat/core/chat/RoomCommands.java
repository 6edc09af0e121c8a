package roomchat.core.chat;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import roomchat.core.command.Command;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.limit.GuessLedger;
import roomchat.core.name.NameRules;
import roomchat.core.room.Member;
import roomchat.core.room.Page;
import roomchat.core.room.Room;
import roomchat.core.room.RoomChange;
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
    private final Said said;
    private final Moves moves;
    private final GuessLedger guesses;

    RoomCommands(RoomRegistry registry, Said said, Moves moves, GuessLedger guesses) {
        this.registry = registry;
        this.said = said;
        this.moves = moves;
        this.guesses = guesses;
    }

    CompletionStage<Reply> changeRoom(Member member, Command.ChangeRoom command) {
        String roomName = command.room();
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName().now();
        }
        Room own = ownRoom(member, roomName);
        if (own != null) {
            return alreadyIn(own).now();
        }
        GuessLedger.Guess guess = startGuess(member, roomName, command.password());
        if (guess.secondsToWait() > 0) {
            return closing(guess, tooManyGuesses(guess).now());
        }
        return closing(guess, registry.moveTo(member, roomName, command.password().orElse(null)).thenApply(change -> {
            if (change instanceof RoomChange.Moved moved) {
                return new Reply(moves.announce(moved), false, moved.admission());
            }
            if (change instanceof RoomChange.AlreadyThere already) {
                return alreadyIn(already.room());
            }
            return refused(member, change, guess, ":cr " + roomName + " <password>", "enter");
        }));
    }

    CompletionStage<Reply> newRoom(Member member, Command.NewRoom command) {
        String roomName = command.room();
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName().now();
        }
        return registry.create(member, roomName).thenApply(change -> {
            if (change instanceof RoomChange.Moved moved) {
                return new Reply(moves.announce(moved), false, moved.admission());
            }
            String existing = ((RoomChange.RoomExists) change).room().name();
            return Reply.error("room " + existing + " already exists (join it with :cr " + existing + ")");
        });
    }

    CompletionStage<Reply> messageRoom(Member member, Command.MessageRoom command) {
        String roomName = command.room();
        if (!NameRules.isRoomName(roomName)) {
            return invalidRoomName().now();
        }
        Room own = member.room();
        if (own == null) {
            return Reply.NONE_NOW;
        }
        Happening.Relayed relayed = new Happening.Relayed(own.name(), command.text());
        Room target = ownRoom(member, roomName);
        if (target != null) {
            return relay(member, target, relayed).now();
        }
        GuessLedger.Guess guess = startGuess(member, roomName, command.password());
        if (guess.secondsToWait() > 0) {
            return closing(guess, tooManyGuesses(guess).now());
        }
        return closing(guess, registry.checkEntry(roomName, command.password().orElse(null)).thenApply(entry ->
                entry instanceof RoomChange.Open open ? relay(member, open.room(), relayed)
                        : refused(member, entry, guess, ":erm " + roomName + ":<password> <text>", "send")));
    }

    CompletionStage<Reply> listRooms(Member member, Command.ListRooms command) {
        Page page = new Page(command.page(), ROOMS_PER_PAGE);
        return registry.listRooms(page).thenApply(list -> Reply.of(new Notice.RoomsPage(list.rooms(), list.total(), page)));
    }

    CompletionStage<Reply> who(Member member, Command.Who command) {
        Page page = new Page(command.page(), NAMES_PER_PAGE);
        return registry.describe(member, page).thenApply(room -> Reply.of(new Notice.MembersPage(room, page)));
    }

    private Reply relay(Member member, Room target, Happening.Relayed relayed) {
        said.publish(target, member, relayed);
        return Reply.of(new Notice.Sent(target.name()));
    }

    /** {@code answer}, once {@code guess} has ended with it. */
    private static CompletionStage<Reply> closing(GuessLedger.Guess guess, CompletionStage<Reply> answer) {
        return answer.whenComplete((reply, failure) -> guess.close());
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
                registry.hostsOf(wrong.room()).thenAccept(hosts -> hosts.forEach(host -> host.port().deliver(notice)));
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
