package roomchat.server.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket handshake spoken by hand over a plain socket, so that a test can choose the local
 * address it connects from and the headers it sends (as a reverse proxy would), and see the raw
 * answer: an HTTP status line, or the one line a refused connection gets.
 */
final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Connects from {@code localAddress} and asks for {@code /ws}, with X-Forwarded-For if it is not null. */
    static RawWebSocket upgrade(InetSocketAddress server, String localAddress, String forwardedFor) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout((int) LineClient.TIMEOUT.toMillis());
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(server, (int) LineClient.TIMEOUT.toMillis());
        StringBuilder request = new StringBuilder()
                .append("GET /ws HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(server.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (forwardedFor != null) {
            request.append("X-Forwarded-For: ").append(forwardedFor).append("\r\n");
        }
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new RawWebSocket(socket);
    }

    /** The first line of the answer (an HTTP status line, or a refusal), without its line end. */
    String firstLine() throws IOException {
        return readLine();
    }

    /** The header lines of the HTTP answer, after {@link #firstLine()}, up to the blank line. */
    List<String> headers() throws IOException {
        List<String> headers = new ArrayList<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headers.add(line);
        }
        return headers;
    }

    /** The text of the next frame, which must be an unfragmented text frame under 64 KiB. */
    String readText() throws IOException {
        int opcode = read() & 0x0f;
        int length = read() & 0x7f;
        if (length == 126) {
            length = (read() << 8) | read();
        }
        byte[] payload = in.readNBytes(length);
        if (opcode != 1 || payload.length != length) {
            throw new IOException("not a whole text frame: opcode " + opcode);
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("end of stream");
        }
        return b;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = read(); b != '\n'; b = read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** What arrives until the server closes the connection; fails if it is still open after the timeout. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
