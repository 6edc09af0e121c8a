package roomchat.bench.jmh;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import roomchat.core.broker.LocalBroker;
import roomchat.core.dispatch.ExecutorDispatcher;
import roomchat.core.event.Happening;
import roomchat.core.event.RoomEvent;
import roomchat.core.room.LocalRoomRegistry;
import roomchat.core.room.Member;
import roomchat.core.room.NameChange;

/**
 * A room line from publish to arrival at one member's socket end, through the in-process broker,
 * the real dispatcher and a real event loop (Netty's in-process transport): the hand-offs a line
 * pays for before any fan-out. Per operation: one line bob says, waited for at alice's end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
    private final LocalBroker broker = new LocalBroker(Clock.systemUTC());
    private final ExecutorDispatcher dispatcher = new ExecutorDispatcher(2, 0, broker);
    private final LocalRoomRegistry rooms = new LocalRoomRegistry("lobby");
    private volatile Thread waiting;
    private volatile long arrivals;
    private Member speaker;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        rooms.deliverMovesTo(dispatcher);
        LocalAddress address = new LocalAddress("dispatch-benchmark");
        SynchronousQueue<Channel> accepted = new SynchronousQueue<>();
        new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) throws InterruptedException {
                        accepted.put(channel);
                    }
                }).bind(address).sync();
        // The speaker is spared its own lines: only the listener's end counts arrivals.
        connect(address, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                arrivals++;
                LockSupport.unpark(waiting);
            }
        });
        claim("alice", accepted.take());
        connect(address, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        });
        speaker = claim("bob", accepted.take());
    }

    private void connect(LocalAddress address, ChannelInboundHandlerAdapter clientEnd) throws InterruptedException {
        new Bootstrap().group(loops).channel(LocalChannel.class).handler(clientEnd).connect(address).sync();
    }

    private Member claim(String name, Channel serverEnd) {
        NameChange claimed = rooms.claim(name, dispatcher.portOf(serverEnd), InetAddress.getLoopbackAddress());
        return ((NameChange.Claimed) claimed).moved().member();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dispatcher.close();
        broker.close();
        loops.shutdownGracefully();
    }

    @Benchmark
    public long publishToArrival() {
        waiting = Thread.currentThread();
        long before = arrivals;
        broker.publish(speaker.room(), RoomEvent.draft("lobby", speaker, new Happening.Said("hello")));
        while (arrivals == before) {
            LockSupport.parkNanos(1_000);
        }
        return arrivals;
    }
}
