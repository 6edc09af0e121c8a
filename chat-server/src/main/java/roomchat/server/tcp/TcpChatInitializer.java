package roomchat.server.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.ssl.SslContext;
import roomchat.core.dispatch.Format;
import roomchat.server.PipelineNames;
import roomchat.server.ServerConfig;
import roomchat.server.codec.TerminalLines;
import roomchat.server.connection.ConnectionTracker;
import roomchat.server.connection.Connections;
import roomchat.server.proxy.ProxyHeaderHandler;
import roomchat.server.proxy.TrustedProxies;
import roomchat.server.session.SessionHandlers;

/**
 * The pipeline of a TCP connection as nc speaks it, one line of UTF-8 text per message, in plain
 * text or (given an {@link SslContext}) inside TLS. A connection from a trusted proxy starts with
 * the PROXY protocol header (v1 or v2), which names the client; from anyone else such a header is
 * just a line of text.
 */
public final class TcpChatInitializer extends ChannelInitializer<Channel> {

    /** Room for the extra fields (TLVs) of a v2 PROXY header, such as the TLS details HAProxy may add; we read none. */
    public static final int MAX_PROXY_TLV_BYTES = 4096;

    private final ServerConfig config;
    private final ConnectionTracker tracker;
    private final SslContext tls;
    private final SessionHandlers session;
    private final TrustedProxies trustedProxies;
    private final ProxyHeaderHandler proxyHeader;
    private final TerminalLines lines;

    /** {@code tls} is null for plain TCP. */
    public TcpChatInitializer(ServerConfig config, ConnectionTracker tracker, SslContext tls, SessionHandlers session) {
        this.config = config;
        this.tracker = tracker;
        this.tls = tls;
        this.session = session;
        this.trustedProxies = config.trustedProxyRanges();
        this.proxyHeader = new ProxyHeaderHandler(tracker);
        this.lines = new TerminalLines(config.wrapWidth);
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        Connections.transport(channel, tls == null ? Connections.TCP : Connections.TLS);
        if (trustedProxies.contains(channel.remoteAddress())) {
            // The proxy's PROXY header comes first, before a TLS handshake: it says whose connection this is.
            Connections.viaTrustedProxy(channel);
            pipeline.addLast(PipelineNames.PROXY_DECODER, new HAProxyMessageDecoder(MAX_PROXY_TLV_BYTES))
                    .addLast(PipelineNames.PROXY_HEADER, proxyHeader);
        }
        if (tls != null) {
            pipeline.addLast(PipelineNames.TLS, tls.newHandler(channel.alloc()));
        }
        pipeline.addLast(PipelineNames.CONNECTIONS, tracker)
                // A line longer than the limit fails at once and is skipped up to its line end.
                .addLast(PipelineNames.LINE_CODEC, new LineCodec(config.maxLineBytes, session.inputs(), lines));
        if (config.wrapWidth > 0) {
            // nc shows lines on a terminal: long answers are wrapped by the line codec, room lines by the dispatcher.
            Format.TERMINAL.markOn(channel);
        }
        session.addTo(pipeline);
    }
}
