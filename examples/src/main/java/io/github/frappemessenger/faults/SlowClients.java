package io.github.frappemessenger.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections an attacker holds open without a signature: a third send their headers a byte per second, a third send
 * whole headers (with a 1 MiB Content-Length) and then the body a byte per second, a third connect and send nothing;
 * one more sends a malformed chunked body ({@code zz\r\nabc\r\n0\r\n\r\n}). One thread drips the bytes and notices
 * when the server closes a connection. Not thread-safe, apart from the dripping thread it owns.
 */
final class SlowClients implements AutoCloseable {
    static final String MALFORMED_CHUNKED = "POST /webhooks/frappe/on_update HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n";
    private static final String HEAD = "POST /webhooks/frappe/on_update HTTP/1.1\r\nHost: 127.0.0.1\r\n";

    private enum Kind { SLOW_HEADERS, SLOW_BODY, STALLED, MALFORMED }

    private static final class Client {
        final SocketChannel channel;
        final Kind kind;
        volatile boolean closedByServer;
        final StringBuilder answer = new StringBuilder();

        Client(SocketChannel channel, Kind kind) {
            this.channel = channel;
            this.kind = kind;
        }
    }

    private final List<Client> clients = new ArrayList<>();
    private final Thread dripper;
    private volatile boolean closed;
    private int notConnected;

    private SlowClients(int port, int count) {
        for (int i = 0; i <= count; i++) {
            Kind kind = i == count ? Kind.MALFORMED : Kind.values()[i % 3];
            try {
                SocketChannel ch = SocketChannel.open();
                ch.socket().connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                ch.configureBlocking(false);
                String first = switch (kind) {
                    case SLOW_HEADERS -> HEAD + "X-Slow: ";
                    case SLOW_BODY -> HEAD + "X-Frappe-Webhook-Signature: c2xvdw==\r\nContent-Length: 1048576\r\n\r\n";
                    case STALLED -> "";
                    case MALFORMED -> MALFORMED_CHUNKED;
                };
                ch.write(ByteBuffer.wrap(first.getBytes(StandardCharsets.US_ASCII)));
                clients.add(new Client(ch, kind));
            } catch (IOException e) {
                notConnected++;
            }
        }
        dripper = new Thread(this::drip, "faults-slow-clients");
        dripper.setDaemon(true);
        dripper.start();
    }

    /** Opens {@code count} slow connections (and the malformed one) to {@code port} on loopback. */
    static SlowClients open(int port, int count) {
        return new SlowClients(port, count);
    }

    private void drip() {
        ByteBuffer in = ByteBuffer.allocate(4096);
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!closed) {
            for (Client c : clients) {
                if (c.closedByServer) {
                    continue;
                }
                try {
                    in.clear();
                    int n = c.channel.read(in);
                    if (n < 0) {
                        c.closedByServer = true;
                        continue;
                    }
                    if (n > 0 && c.answer.length() < 200) {
                        c.answer.append(new String(in.array(), 0, n, StandardCharsets.ISO_8859_1));
                    }
                    if (c.kind == Kind.SLOW_HEADERS || c.kind == Kind.SLOW_BODY) {
                        one.clear();
                        one.put((byte) 'a').flip();
                        c.channel.write(one);
                    }
                } catch (IOException e) {
                    c.closedByServer = true;
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Connections the server still holds open. */
    long held() {
        return clients.stream().filter(c -> !c.closedByServer).count();
    }

    int notConnected() {
        return notConnected;
    }

    /** The first line the server answered the malformed chunked body with, or "no answer". */
    String malformedAnswer() {
        return clients.stream().filter(c -> c.kind == Kind.MALFORMED).findFirst().map(c -> {
            String a = c.answer.toString();
            int eol = a.indexOf('\r');
            return a.isEmpty() ? (c.closedByServer ? "closed without an answer" : "no answer")
                    : a.substring(0, eol < 0 ? a.length() : eol);
        }).orElse("not connected");
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        dripper.interrupt();
        dripper.join(5_000);
        for (Client c : clients) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
