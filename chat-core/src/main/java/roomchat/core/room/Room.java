package roomchat.core.room;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import roomchat.core.history.HistoryStore;
import roomchat.core.name.NameRules;

/**
 * A chat room: its name, members, hosts, topic and password, its order and history in this process
 * ({@link RoomLog}), and the deliveries waiting for its local members.
 *
 * <p><b>Who guards what:</b> members, hosts, topic and password are changed and read only by the
 * {@link RoomRegistry}, under its master lock; members keep the order in which they arrived. The
 * log guards itself; the delivery queue is drained by one dispatcher thread at a time
 * (see {@link Delivery}).
 */
public final class Room {

    private final String name;
    private final Set<Member> members = new LinkedHashSet<>();
    private final Set<Member> hosts = new HashSet<>();
    private String topic;
    private RoomPassword password;
    private final DeliveryQueue deliveries = new DeliveryQueue();
    private final RoomLog log;
    /** The default room belongs to nobody: it never has hosts, so no password, topic or kicks. */
    private final boolean unhosted;

    /** Set, under the master lock, when the room is removed; seen by its drain after the last departure. */
    private volatile boolean closed;

    Room(String name, int historyLines, HistoryBudget historyBudget, boolean unhosted, HistoryStore store) {
        this.name = name;
        this.unhosted = unhosted;
        this.log = new RoomLog(NameRules.key(name), new RoomHistory(historyLines, historyBudget), store);
    }

    /**
     * A room whose members, hosts, topic and password are kept elsewhere (a cluster's shared store):
     * this process keeps only its name and the deliveries for its local members. Only registries
     * make rooms.
     */
    public static Room handle(String name, boolean unhosted) {
        return new Room(name, 0, HistoryBudget.unlimited(), unhosted, HistoryStore.NONE);
    }

    /** The room's name, spelled as it was created. */
    public String name() {
        return name;
    }

    /** The case-insensitive key of the name. */
    public String key() {
        return NameRules.key(name);
    }

    /** The deliveries waiting for this room's drain. */
    public DeliveryQueue deliveries() {
        return deliveries;
    }

    /** The room's order and history in this process. */
    public RoomLog log() {
        return log;
    }

    /** Whether the room was removed (its last member left): its history is forgotten. */
    public boolean isClosed() {
        return closed;
    }

    /** Marks the room removed; only its registry calls this, before the departure that emptied it is queued. */
    public void close() {
        closed = true;
    }

    void add(Member member) {
        members.add(member);
    }

    /** Takes a member out; if that left the room without a host, the longest-present member becomes one. */
    Member remove(Member member) {
        members.remove(member);
        hosts.remove(member);
        if (hosts.isEmpty() && !members.isEmpty() && !isUnhosted()) {
            Member successor = members.iterator().next();
            hosts.add(successor);
            return successor;
        }
        return null;
    }

    int size() {
        return members.size();
    }

    /** The members on one page of the room, in order of arrival. */
    Stream<Member> membersOn(Page page) {
        return members.stream().skip(page.offset()).limit(page.size());
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    boolean contains(Member member) {
        return members.contains(member);
    }

    List<Member> members() {
        return new ArrayList<>(members);
    }

    List<String> memberNames() {
        List<String> names = new ArrayList<>(members.size());
        members.forEach(member -> names.add(member.name()));
        return names;
    }

    /** The hosts, in no particular order. */
    List<Member> hosts() {
        return new ArrayList<>(hosts);
    }

    boolean isHost(Member member) {
        return hosts.contains(member);
    }

    void addHost(Member member) {
        hosts.add(member);
    }

    boolean isUnhosted() {
        return unhosted;
    }

    String topic() {
        return topic;
    }

    void topic(String newTopic) {
        topic = newTopic;
    }

    boolean isLocked() {
        return password != null;
    }

    boolean admits(String guess) {
        return password == null || (guess != null && password.matches(guess));
    }

    void password(String newPassword) {
        password = newPassword == null ? null : new RoomPassword(newPassword);
    }

    @Override
    public String toString() {
        return name;
    }
}
