package roomchat.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client that speaks HTTP and WebSocket frames by hand over a plain socket, to send what a
 * browser never would: a request head a byte at a time, a forged {@code Host}, a frame that breaks
 * the WebSocket protocol. Reads block for at most {@link LineClient#TIMEOUT}.
 */
final class RawClient implements AutoCloseable {

    /** A WebSocket frame as the server sent it: server frames are never masked. */
    record Frame(int opcode, byte[] payload) {
        static final int TEXT = 0x1;
        static final int CLOSE = 0x8;

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return opcode == CLOSE ? "Close " + closeStatus() + " " + new String(payload, StandardCharsets.UTF_8)
                    : "Frame " + opcode + " of " + payload.length + " bytes";
        }

        /** The status code of a Close frame, or -1 if it has none. */
        int closeStatus() {
            return payload.length < 2 ? -1 : (payload[0] & 0xff) << 8 | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawClient connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, (int) LineClient.TIMEOUT.toMillis());
        socket.setSoTimeout((int) LineClient.TIMEOUT.toMillis());
        return new RawClient(socket);
    }

    /** Sends text as ASCII bytes, as an HTTP request head is. */
    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The upgrade request a browser sends for {@code /ws}, from a page of {@code origin} (null: none). */
    static String upgradeRequest(String host, String origin) {
        return "GET /ws HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "\r\n";
    }

    /** Reads an HTTP response head, up to and without its blank line; fails at the end of the stream. */
    String readResponseHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the stream ended in a response head: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text.substring(0, text.length() - 4);
            }
        }
    }

    /** Reads an HTTP response, its head and its {@code Content-Length} of body; returns the head. */
    String readResponse() throws IOException {
        String head = readResponseHead();
        int length = 0;
        for (String header : head.split("\r\n")) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
            }
        }
        if (in.readNBytes(length).length < length) {
            throw new EOFException("the stream ended in a response body");
        }
        return head;
    }

    /**
     * Reads whatever is left until the server closes the stream; fails if it stays open. A reset
     * counts as the end too: bytes this client sent after the server closed (a trickling sender's
     * next byte) make the server's side answer with one.
     */
    byte[] awaitEnd() throws IOException {
        java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
        try {
            in.transferTo(rest);
        } catch (java.net.SocketException reset) {
            if (!String.valueOf(reset.getMessage()).contains("reset")) {
                throw reset;
            }
        }
        return rest.toByteArray();
    }

    /** The next frame from the server, or null at the end of the stream. */
    Frame readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = readByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = (long) readByte() << 8 | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | readByte();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("the stream ended in a frame");
        }
        return new Frame(first & 0x0f, payload);
    }

    /** Reads frames until a text frame saying {@code line}; fails if the stream ends first. */
    void awaitText(String line) throws IOException {
        for (Frame frame = readFrame(); frame != null; frame = readFrame()) {
            if (frame.opcode() == Frame.TEXT && frame.text().equals(line)) {
                return;
            }
        }
        throw new EOFException("the stream ended before \"" + line + "\"");
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the stream ended in a frame");
        }
        return b;
    }

    /** A frame as a client sends it, {@code masked} or not (a browser always masks). */
    static byte[] clientFrame(int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        frame.write((masked ? 0x80 : 0) | payload.length);
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        if (masked) {
            frame.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        return frame.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
