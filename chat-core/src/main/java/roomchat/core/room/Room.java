package roomchat.core.room;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import roomchat.core.name.NameRules;

/**
 * A chat room: its name, its members, the channels a message to the room is written to, and the
 * messages waiting to be delivered there.
 *
 * <p>Membership is changed only by the {@link RoomRegistry}, under its master lock; the member set
 * keeps the order in which members arrived. The channel group is Netty's thread-safe set, so the
 * dispatcher fans out to it without that lock.
 */
public final class Room {

    private final String name;
    private final ChannelGroup channels;
    /** Guarded by the registry's master lock. */
    private final Set<Member> members = new LinkedHashSet<>();
    private final DeliveryQueue deliveries = new DeliveryQueue();

    Room(String name, EventExecutor groupExecutor) {
        this.name = name;
        this.channels = new DefaultChannelGroup(name, groupExecutor);
    }

    /** The room's name, spelled as it was created. */
    public String name() {
        return name;
    }

    /** The case-insensitive key of the name. */
    public String key() {
        return NameRules.key(name);
    }

    /** The channels of the members, for writing a message to all of them. */
    public ChannelGroup channels() {
        return channels;
    }

    /** The messages waiting for this room's dispatcher. */
    public DeliveryQueue deliveries() {
        return deliveries;
    }

    void add(Member member) {
        members.add(member);
        channels.add(member.channel());
    }

    void remove(Member member) {
        members.remove(member);
        channels.remove(member.channel());
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    List<String> memberNames() {
        List<String> names = new ArrayList<>(members.size());
        members.forEach(member -> names.add(member.name()));
        return names;
    }

    @Override
    public String toString() {
        return name;
    }
}
