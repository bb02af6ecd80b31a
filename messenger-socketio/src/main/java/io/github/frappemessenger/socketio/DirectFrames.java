package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The fast path of a broadcast: one task per event loop per event, which writes the event's one encoded text frame
 * (a shared, read-only buffer) to each websocket of the room that loop serves. netty-socketio's own path costs, per
 * socket, a task handed to the socket's loop, a packet queue, and a buffer to encode into.
 *
 * <p>A socket joins this path once, when it can without changing the order of what it hears: Engine.IO v4, upgraded
 * to (or opened as) a websocket, its websocket channel known and open, and nothing waiting in its netty-socketio
 * packet queue (the resume answer, a replay). A queue found empty has been drained by the loop, which writes what it
 * takes off the queue in the same step; our task runs on that loop after that step. Until then the socket goes
 * through netty-socketio's queue as before.
 *
 * <p>Once on this path a socket stays on it, whatever its queue holds later (a ping from netty-socketio's timer).
 * netty-socketio hands the loop one drain task per packet queued, and the first to run drains them all; the rest stay
 * in the loop's task queue with nothing to do. An event queued behind a ping after our task for an earlier event was
 * handed to the loop would be written by such a left-over drain, which runs before our task: the socket would hear
 * the later event first, and a client that skips what it already heard (the page, a resuming client) would then
 * skip the earlier one for good. At 1,000 sockets on a loaded machine that cost about one event per socket per ping.
 * Only events take this path; packets of the socket's own (pings, the resume answer) stay in netty-socketio's queue,
 * and their order against events does not matter.
 *
 * <p>As a handler (before netty-socketio's packet handler) it notes the websocket channel of each client in the
 * client's store when a packet arrives on it. Thread-safe; {@link #send} is called under the site stream's lock.
 */
@ChannelHandler.Sharable
final class DirectFrames extends ChannelInboundHandlerAdapter {
    static final String WEBSOCKET_CHANNEL = "messenger.websocket";
    /** Set in a client's store when its events first take this path; from then on they always do. */
    static final String ON_DIRECT_PATH = "messenger.direct";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PacketsMessage m && m.getTransport() == Transport.WEBSOCKET && m.getClient() != null
                && m.getClient().getStore().get(WEBSOCKET_CHANNEL) != ctx.channel()) {
            m.getClient().getStore().set(WEBSOCKET_CHANNEL, ctx.channel());
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Sends {@code packet} to every client of {@code clients} this path can take; returns the others, for
     * netty-socketio's queue.
     */
    static List<SocketIOClient> send(Iterable<SocketIOClient> clients, EncodedEventPacket packet) {
        List<SocketIOClient> others = new ArrayList<>(0);
        Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
        for (SocketIOClient client : clients) {
            Channel channel = websocket(client);
            if (channel == null) {
                others.add(client);
            } else {
                byLoop.computeIfAbsent(channel.eventLoop(), l -> new ArrayList<>()).add(channel);
            }
        }
        if (!byLoop.isEmpty()) {
            ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(packet.bytes()).asReadOnly());
            byLoop.forEach((loop, channels) -> {
                try {
                    loop.execute(() -> {
                        for (Channel c : channels) {
                            c.writeAndFlush(new TextWebSocketFrame(frame.duplicate()));
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // the server is closing: its sockets are being closed too, and hear nothing more
                }
            });
        }
        return others;
    }

    private static Channel websocket(SocketIOClient client) {
        if (!(client instanceof NamespaceClient nc)) {
            return null;
        }
        ClientHead head = nc.getBaseClient();
        Channel channel = head.getStore().get(WEBSOCKET_CHANNEL);
        if (channel == null || !head.isTransportChannel(channel, Transport.WEBSOCKET)) {
            return null;
        }
        if (head.getStore().has(ON_DIRECT_PATH)) {
            return channel; // closed meanwhile: the write fails quietly, and the client resumes from what it heard
        }
        if (!EngineIOVersion.V4.equals(head.getEngineIOVersion()) || !head.isConnected()
                || head.getCurrentTransport() != Transport.WEBSOCKET
                || !head.getPacketsQueue(Transport.WEBSOCKET).isEmpty() || !channel.isActive()) {
            return null;
        }
        head.getStore().set(ON_DIRECT_PATH, Boolean.TRUE);
        return channel;
    }
}
