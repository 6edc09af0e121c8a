package roomchat.server.connection;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The counts behind the connection limits ({@code --max-connections}, {@code --max-connections-per-ip}):
 * every open connection counts once against the total and once against its client's address, whatever
 * door it came through. A take that succeeds is matched by one release; a take that fails leaves the
 * count as it was.
 *
 * <p><b>Threads:</b> any; each count is atomic on its own (the total and an address are taken in two
 * steps, and a failed second step gives the first back).
 */
public final class ConnectionCounts {

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();

    /** Counts under at most {@code maxTotal} in all and {@code maxPerAddress} from one address. */
    public ConnectionCounts(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a place in the total and under {@code address}; false (nothing taken) when either is full. */
    public boolean take(InetAddress address) {
        if (!takeTotal()) {
            return false;
        }
        if (!takeAddress(address)) {
            releaseTotal();
            return false;
        }
        return true;
    }

    /** Gives back a place {@link #take} took. */
    public void release(InetAddress address) {
        releaseTotal();
        releaseAddress(address);
    }

    /** Takes a place in the total; false (nothing taken) when the server is full. */
    boolean takeTotal() {
        if (open.incrementAndGet() > maxTotal) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    void releaseTotal() {
        open.decrementAndGet();
    }

    /** Takes a place under {@code address}; false (nothing taken) when it holds its share already. */
    boolean takeAddress(InetAddress address) {
        if (openByAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
            releaseAddress(address);
            return false;
        }
        return true;
    }

    void releaseAddress(InetAddress address) {
        openByAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    /** How many places in the total are taken now. */
    int open() {
        return open.get();
    }
}
