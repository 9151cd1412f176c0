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

    /** Sends a whole request as written, on a new connection, and reads its answer. */
    public static String exchange(String request) throws IOException {
        try (RawHttp http = connect()) {
            return http.send(request.getBytes(StandardCharsets.ISO_8859_1)).answer(2000).text();
        }
    }

    /**
     * What the gateway sent until one whole response arrived, it closed the connection, or the
     * time is up.
     */
    public Answer answer(long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) timeoutMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
                if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // the connection is still open
        } catch (IOException e) {
            // reset by the gateway: what came is the answer
        }
        return new Answer(received.toString(StandardCharsets.UTF_8));
    }

    /** Whether the gateway closes the connection within the time, reading (and dropping) what it still sends. */
    public boolean closesWithin(long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) timeoutMillis);
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // not the end yet
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the gateway
        }
    }

    // One response: its headers, and as many body bytes as it announced (or its last chunk).
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase();
        if (head.contains("transfer-encoding: chunked")) {
            return text.endsWith("0\r\n\r\n");
        }
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at);
        long length = Long.parseLong(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).strip());
        return text.length() - end - 4 >= length;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The raw answer: status line, headers and body as received. */
    public record Answer(String text) {

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
