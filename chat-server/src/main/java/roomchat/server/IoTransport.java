package roomchat.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.function.Supplier;

/** The I/O layer under the event loops: Linux's epoll when its native library loads, else Java NIO. */
enum IoTransport {
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class),
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class);

    private final Supplier<IoHandlerFactory> handlerFactory;
    private final Class<? extends ServerChannel> serverChannel;

    IoTransport(Supplier<IoHandlerFactory> handlerFactory, Class<? extends ServerChannel> serverChannel) {
        this.handlerFactory = handlerFactory;
        this.serverChannel = serverChannel;
    }

    static IoTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    IoHandlerFactory handlerFactory() {
        return handlerFactory.get();
    }

    Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }
}
