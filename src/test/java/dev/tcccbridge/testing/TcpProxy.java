package dev.tcccbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port in front of a server (PostgreSQL, an SMTP server), for
 * faults the server itself will not make: live connections cut at once (reset, as when a
 * network path dies mid-transaction), new connections refused for a while, a connection
 * dropped once the client has sent a given command. Plain sockets, two threads a connection.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong refuseUntil = new AtomicLong();
    private final AtomicInteger cut = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private volatile byte[] dropAfter;
    private volatile boolean open = true;

    public TcpProxy(String host, int port) {
        try {
            this.target = new InetSocketAddress(host, port);
            this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Resets every live connection now; new ones are let through. */
    public void cutAll() {
        for (Link link : links) {
            link.reset();
            cut.incrementAndGet();
        }
    }

    /** Resets every live connection and refuses (accepts, then resets) new ones for this long. */
    public void cutAndRefuseFor(Duration outage) {
        refuseUntil.set(System.nanoTime() + outage.toNanos());
        cutAll();
    }

    /**
     * The next {@code times} connections whose client sends {@code marker} (an SMTP
     * {@code "DATA\r\n"}, say) are dropped 16 bytes after it, before the server has it all.
     */
    public void dropAfterClientSends(String marker, int times) {
        dropAfter = marker.getBytes(StandardCharsets.US_ASCII);
        dropsLeft.set(times);
    }

    /** Connections reset by {@link #cutAll}, refused during an outage, dropped after the marker. */
    public int cutCount() {
        return cut.get();
    }

    public int refusedCount() {
        return refused.get();
    }

    public int droppedCount() {
        return dropped.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                if (System.nanoTime() < refuseUntil.get()) {
                    refused.incrementAndGet();
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 2000);
                } catch (IOException e) {
                    reset(client);
                    continue;
                }
                Link link = new Link(client, upstream, dropAfter);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (open) {
                    continue;
                }
                return;
            }
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        links.forEach(Link::reset);
    }

    /** One client connection and its upstream connection. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final byte[] marker;
        private int matched;
        private int afterMarker = -1;
        private boolean watching = true;

        Link(Socket client, Socket upstream, byte[] marker) {
            this.client = client;
            this.upstream = upstream;
            this.marker = marker;
        }

        void start() {
            pump(client, upstream, true);
            pump(upstream, client, false);
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        int pass = fromClient && marker != null ? untilDrop(buffer, n) : n;
                        out.write(buffer, 0, pass);
                        out.flush();
                        if (pass < n) {
                            dropped.incrementAndGet();
                            reset();
                            return;
                        }
                    }
                } catch (IOException e) {
                    // either side went away
                } finally {
                    reset();
                }
            }, "tcp-proxy-link");
            thread.setDaemon(true);
            thread.start();
        }

        /** How many of these bytes pass before the drop: the marker and 16 bytes after it. */
        private int untilDrop(byte[] buffer, int n) {
            for (int i = 0; i < n && watching; i++) {
                if (afterMarker >= 0) {
                    if (++afterMarker > 16) {
                        return i;
                    }
                } else if (buffer[i] == marker[matched]) {
                    if (++matched == marker.length) {
                        if (dropsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                            afterMarker = 0;
                        } else {
                            watching = false;
                        }
                    }
                } else {
                    matched = buffer[i] == marker[0] ? 1 : 0;
                }
            }
            return n;
        }

        void reset() {
            if (links.remove(this)) {
                TcpProxy.reset(client);
                TcpProxy.reset(upstream);
            }
        }
    }
}
