package roomchat.server.grpc;

import com.google.protobuf.Timestamp;
import java.util.List;
import roomchat.core.command.CommandWord;
import roomchat.core.event.Happening;
import roomchat.core.event.Notice;
import roomchat.core.render.JsonRenderer;
import roomchat.core.room.RoomInfo;
import roomchat.v1.ActionEvent;
import roomchat.v1.AlreadyIn;
import roomchat.v1.CommandHelp;
import roomchat.v1.CreatedEvent;
import roomchat.v1.Entered;
import roomchat.v1.Error;
import roomchat.v1.Goodbye;
import roomchat.v1.HelpText;
import roomchat.v1.History;
import roomchat.v1.HostEvent;
import roomchat.v1.Info;
import roomchat.v1.JoinedEvent;
import roomchat.v1.KickedEvent;
import roomchat.v1.KickedOut;
import roomchat.v1.LeaveReason;
import roomchat.v1.LeftEvent;
import roomchat.v1.LockEvent;
import roomchat.v1.MemberList;
import roomchat.v1.MemberSummary;
import roomchat.v1.NameChanged;
import roomchat.v1.NamePrompt;
import roomchat.v1.Named;
import roomchat.v1.PrivateLine;
import roomchat.v1.RelayedEvent;
import roomchat.v1.RenamedEvent;
import roomchat.v1.RoomEvent;
import roomchat.v1.RoomList;
import roomchat.v1.RoomSummary;
import roomchat.v1.SaidEvent;
import roomchat.v1.Sent;
import roomchat.v1.ServerEvent;
import roomchat.v1.TopicEvent;
import roomchat.v1.Welcome;
import roomchat.v1.WrongPasswords;

/**
 * The gRPC wording of every event and notice: a {@link ServerEvent} each, with the kinds and field
 * names of the JSON door ({@link JsonRenderer}), so that a program can move between the two.
 * Stateless and thread-safe.
 */
final class ProtoEvents {

    private ProtoEvents() {
    }

    /** A room's event, with its room and place in the room's order. */
    static ServerEvent of(roomchat.core.event.RoomEvent event) {
        return ServerEvent.newBuilder().setRoomEvent(roomEvent(event)).build();
    }

    private static RoomEvent roomEvent(roomchat.core.event.RoomEvent event) {
        RoomEvent.Builder out = RoomEvent.newBuilder().setRoom(event.room()).setSeq(event.seq());
        if (event.at() != null) {
            out.setTime(Timestamp.newBuilder().setSeconds(event.at().getEpochSecond()).setNanos(event.at().getNano()));
        }
        if (event.actor() != null) {
            out.setFrom(event.actor());
        }
        Happening what = event.what();
        if (what instanceof Happening.Said said) {
            out.setSaid(SaidEvent.newBuilder().setText(said.text()));
        } else if (what instanceof Happening.Acted acted) {
            out.setAction(ActionEvent.newBuilder().setText(acted.action()));
        } else if (what instanceof Happening.Relayed relayed) {
            out.setRelayed(RelayedEvent.newBuilder().setFromRoom(relayed.fromRoom()).setText(relayed.text()));
        } else if (what instanceof Happening.Joined) {
            out.setJoined(JoinedEvent.getDefaultInstance());
        } else if (what instanceof Happening.Left left) {
            out.setLeft(LeftEvent.newBuilder().setReason(LeaveReason.valueOf("LEAVE_REASON_" + left.why().name())));
        } else if (what instanceof Happening.Kicked kicked) {
            out.setKicked(KickedEvent.newBuilder().setName(kicked.target()));
        } else if (what instanceof Happening.Renamed renamed) {
            out.setRenamed(RenamedEvent.newBuilder().setName(renamed.newName()));
        } else if (what instanceof Happening.HostGranted granted) {
            out.setHost(HostEvent.newBuilder().setName(granted.target()));
        } else if (what instanceof Happening.TopicChanged topic) {
            TopicEvent.Builder changed = TopicEvent.newBuilder();
            if (topic.topic() != null) {
                changed.setTopic(topic.topic());
            }
            out.setTopic(changed);
        } else if (what instanceof Happening.LockChanged lock) {
            out.setLock(LockEvent.newBuilder().setLocked(lock.locked()));
        } else if (what instanceof Happening.Created) {
            out.setCreated(CreatedEvent.getDefaultInstance());
        }
        return out.build();
    }

    /** A notice to one member, outside any room's order. */
    static ServerEvent of(Notice notice) {
        ServerEvent.Builder out = ServerEvent.newBuilder();
        if (notice instanceof Notice.Info info) {
            out.setInfo(Info.newBuilder().setText(info.text()));
        } else if (notice instanceof Notice.Error error) {
            out.setError(Error.newBuilder().setText(error.text()));
        } else if (notice instanceof Notice.Welcome welcome) {
            out.setWelcome(Welcome.newBuilder().setOnline(welcome.online()));
        } else if (notice instanceof Notice.NamePrompt prompt) {
            out.setNamePrompt(NamePrompt.newBuilder().setRule(prompt.rule()));
        } else if (notice instanceof Notice.Named named) {
            out.setNamed(Named.newBuilder().setName(named.name()));
        } else if (notice instanceof Notice.Entered entered) {
            out.setEntered(entered(entered));
        } else if (notice instanceof Notice.AlreadyIn already) {
            out.setAlreadyIn(AlreadyIn.newBuilder().setRoom(already.room()));
        } else if (notice instanceof Notice.NameChanged changed) {
            out.setNameChanged(NameChanged.newBuilder().setName(changed.name()));
        } else if (notice instanceof Notice.KickedOut kicked) {
            out.setKickedOut(KickedOut.newBuilder().setRoom(kicked.room()).setBy(kicked.by()));
        } else if (notice instanceof Notice.PrivateLine line) {
            out.setPrivateLine(PrivateLine.newBuilder().setFrom(line.from()).setText(line.text()));
        } else if (notice instanceof Notice.Sent sent) {
            out.setSent(Sent.newBuilder().setTo(sent.to()));
        } else if (notice instanceof Notice.RoomsPage rooms) {
            out.setRoomList(rooms(rooms));
        } else if (notice instanceof Notice.MembersPage members) {
            out.setMemberList(members(members));
        } else if (notice instanceof Notice.WrongPasswords wrong) {
            out.setWrongPasswords(WrongPasswords.newBuilder()
                    .setCount(wrong.count()).setRoom(wrong.room()).setMinutes(wrong.minutes()));
        } else if (notice instanceof Notice.Help) {
            out.setHelp(help());
        } else if (notice instanceof Notice.History history) {
            History.Builder replay = History.newBuilder().setRoom(history.room()).setRequested(history.requested());
            history.events().forEach(event -> replay.addEvents(roomEvent(event)));
            if (history.bounded()) {
                replay.setBeforeSeq(history.before());
            }
            out.setHistory(replay);
        } else if (notice instanceof Notice.Goodbye goodbye) {
            out.setGoodbye(Goodbye.newBuilder().setText(goodbye.why()).setComeBack(goodbye.comeBack()));
        }
        return out.build();
    }

    private static Entered entered(Notice.Entered entered) {
        List<String> company = entered.company();
        Entered.Builder out = Entered.newBuilder()
                .setRoom(entered.room())
                .addAllMembers(company.subList(0, Math.min(company.size(), JsonRenderer.MAX_NAMES_LISTED)))
                .setCount(entered.companySize())
                .setCreated(entered.created());
        if (entered.topic() != null) {
            out.setTopic(entered.topic());
        }
        return out.build();
    }

    private static RoomList rooms(Notice.RoomsPage rooms) {
        RoomList.Builder out = RoomList.newBuilder()
                .setTotal(rooms.total())
                .setPage(rooms.page().number())
                .setPages(rooms.page().pagesFor(rooms.total()));
        for (RoomInfo room : rooms.rooms()) {
            RoomSummary.Builder summary = RoomSummary.newBuilder()
                    .setName(room.name()).setMembers(room.memberCount()).setLocked(room.locked());
            if (room.topic() != null) {
                summary.setTopic(room.topic());
            }
            out.addRooms(summary);
        }
        return out.build();
    }

    private static MemberList members(Notice.MembersPage page) {
        RoomInfo room = page.room();
        MemberList.Builder out = MemberList.newBuilder()
                .setRoom(room.name())
                .setLocked(room.locked())
                .setTotal(room.memberCount())
                .setPage(page.page().number())
                .setPages(page.page().pagesFor(room.memberCount()));
        if (room.topic() != null) {
            out.setTopic(room.topic());
        }
        for (String name : room.members()) {
            out.addMembers(MemberSummary.newBuilder().setName(name).setHost(room.hosts().contains(name)));
        }
        return out.build();
    }

    private static HelpText help() {
        HelpText.Builder out = HelpText.newBuilder();
        for (CommandWord command : CommandWord.values()) {
            out.addCommands(CommandHelp.newBuilder()
                    .setUsage(command.usage())
                    .setDescription(command.description())
                    .addAllAliases(command.aliases()));
        }
        return out.build();
    }
}
