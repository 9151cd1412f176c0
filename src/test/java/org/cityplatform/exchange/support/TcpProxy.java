package org.cityplatform.exchange.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free port of 127.0.0.1 in front of a shared service (PostgreSQL, Redis). A test
 * that needs the service to fail points the gateway at this proxy and makes the service fail for
 * the gateway alone: the service itself is never stopped, paused or reconfigured, so whoever else
 * uses it notices nothing.
 *
 * <ul>
 *   <li>{@link #hold()}: every connection stays open and no byte passes in either direction until
 *       {@link #release()}, then the held bytes pass in order: a server that stops answering (Redis
 *       a Redis paused by its operator, a database stuck on a lock or a full disk).</li>
 *   <li>{@link #cut()}: every connection is closed and every new one is reset until
 *       {@link #restore()}: a server that is down.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong heldBytes = new AtomicLong();
    private boolean holding;
    private boolean cut;
    private boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to host:port, listening on a free port of 127.0.0.1 from now on. */
    public static TcpProxy to(String host, int port) throws IOException {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    /** The port of 127.0.0.1 the proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Connections the proxy has opened to the target so far: whether anyone goes through it. */
    public int connections() {
        return connections.get();
    }

    /** Bytes that arrived while the proxy held them: whether anyone tried to talk during a hold. */
    public long heldBytes() {
        return heldBytes.get();
    }

    /** From now on no byte passes, in either direction, and every connection stays open. */
    public synchronized void hold() {
        holding = true;
    }

    /** The held bytes pass, in order, and so does everything after them. */
    public synchronized void release() {
        holding = false;
        notifyAll();
    }

    /** Closes every connection, and resets every new one until {@link #restore()}. */
    public void cut() {
        synchronized (this) {
            cut = true;
            notifyAll();
        }
        open.forEach(TcpProxy::closeQuietly);
    }

    /** New connections reach the target again. */
    public synchronized void restore() {
        cut = false;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        closeQuietly(listener);
        open.forEach(TcpProxy::closeQuietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closedListener) {
                return;
            }
            if (refusing()) {
                reset(client);
            } else {
                Thread connector = new Thread(() -> connect(client), "tcp-proxy-" + port() + "-link");
                connector.setDaemon(true);
                connector.start();
            }
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target, CONNECT_TIMEOUT_MILLIS);
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException unreachable) {
            reset(client);
            closeQuietly(server);
            return;
        }
        open.add(client);
        open.add(server);
        connections.incrementAndGet();
        if (refusing()) { // cut while connecting
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Thread back = new Thread(() -> pump(server, client), "tcp-proxy-" + port() + "-back");
        back.setDaemon(true);
        back.start();
        pump(client, server);
    }

    /** Copies from one socket to the other until either ends; then both are closed. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!mayPass(read)) {
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed, or the proxy cut it: the other side is closed with it
        } finally {
            open.remove(from);
            open.remove(to);
        }
    }

    /** Waits while the proxy holds; false when the connection is to be dropped instead. */
    private synchronized boolean mayPass(int bytes) {
        if (holding) {
            heldBytes.addAndGet(bytes);
        }
        while (holding && !cut && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !cut && !closed;
    }

    private synchronized boolean refusing() {
        return cut || closed;
    }

    /** Closes with a reset rather than an orderly end: the client learns at once that nobody serves it. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing it is what matters
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
