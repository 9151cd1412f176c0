package org.cityplatform.exchange.support;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client that does what HTTP libraries will not: sends headers promising a body it never sends,
 * stalls, trickles, leaves. Each instance is one connection to the gateway under test.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawHttp(int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            // Set before connecting, so that a client that reads nothing fills the gateway's queue soon.
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", RestAssured.port));
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    public static RawHttp connect() throws IOException {
        return new RawHttp(0);
    }

    /** A connection whose client takes at most {@code receiveBuffer} bytes before it reads. */
    public static RawHttp connect(int receiveBuffer) throws IOException {
        return new RawHttp(receiveBuffer);
    }

    /** A request line without its version ("POST /path"), then headers; HTTP/1.1 and the blank line are added here. */
    public RawHttp head(String requestLine, String... headers) throws IOException {
        StringBuilder text = new StringBuilder(requestLine).append(" HTTP/1.1\r\n").append("Host: localhost\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the gateway sent until it closed the connection, or until the time is up. */
    public Answer answer(long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) timeoutMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean closed = false;
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            // the connection is still open
        } catch (IOException e) {
            closed = true; // reset by the gateway
        }
        return new Answer(received.toString(StandardCharsets.UTF_8), closed);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The raw answer; {@code closed} when the gateway ended the connection. */
    public record Answer(String text, boolean closed) {

        public int status() {
            if (!text.startsWith("HTTP/1.1 ")) {
                return -1;
            }
            return Integer.parseInt(text.substring(9, 12));
        }

        public String body() {
            int start = text.indexOf("\r\n\r\n");
            return start < 0 ? "" : text.substring(start + 4);
        }
    }
}
