package roomchat.redis;

import java.util.concurrent.Executor;
import roomchat.core.event.Notice;
import roomchat.core.room.MemberPort;

/**
 * How a member of another node is reached: a notice for it is published on its node's channel,
 * and that node delivers it. Fire and forget, like a write to a socket: a member whose node died
 * a moment ago doesn't get it.
 */
final class RemotePort implements MemberPort {

    private final RedisLink link;
    private final String ref;

    RemotePort(RedisLink link, String ref) {
        this.link = link;
        this.ref = ref;
    }

    @Override
    public void deliver(Notice notice) {
        link.commands().publish(RedisKeys.nodeChannel(RedisKeys.nodeOf(ref)), NodeMessage.notice(ref, notice).encode());
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }
}
