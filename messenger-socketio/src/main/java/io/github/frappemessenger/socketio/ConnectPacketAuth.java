package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every namespace CONNECT packet an auth object ({@code 40/site,} becomes {@code 40/site,{}}).
 *
 * <p>Why: netty-socketio runs its namespace auth listeners only for a CONNECT that carries auth data, and
 * socket.io-client 4 sends none unless the page set {@code auth}. Frappe's clients set none, and Frappe refuses them
 * with a {@code connect_error} at the namespace, not with a connect followed by a disconnect. With an empty object
 * our rules run for every socket, before the connect is acknowledged. Engine.IO payloads are text separated by the
 * record separator 0x1E, which never occurs inside JSON text.
 *
 * <p>A CONNECT to a namespace the server does not have is answered here with {@code {"message": "Invalid
 * namespace"}}: netty-socketio answers it with a bare string, which socket.io-client-java does not take as a
 * connect error.
 */
@ChannelHandler.Sharable
final class ConnectPacketAuth extends ChannelInboundHandlerAdapter {
    private static final Pattern CONNECT = Pattern.compile("40(/[^,{]*)?(,?)(.*)", Pattern.DOTALL);

    private final Set<String> namespaces;

    /** {@code namespaces}: the names the server has ("" for the default namespace, "/site" for a site). */
    ConnectPacketAuth(Set<String> namespaces) {
        this.namespaces = Set.copyOf(namespaces);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PacketsMessage m && mayHoldConnect(m.getContent())) {
            String text = m.getContent().toString(StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>();
            boolean changed = false;
            for (String part : text.split("\u001e", -1)) {
                Matcher c = CONNECT.matcher(part);
                if (!c.matches()) {
                    kept.add(part);
                    continue;
                }
                String nsp = c.group(1) == null ? "" : c.group(1);
                if (!namespaces.contains(nsp)) {
                    refuseUnknown(m.getClient(), nsp);
                    changed = true;
                } else if (c.group(3).isEmpty()) {
                    kept.add("40" + (nsp.isEmpty() ? "" : nsp + ",") + "{}");
                    changed = true;
                } else {
                    kept.add(part);
                }
            }
            if (changed) {
                if (!kept.isEmpty()) {
                    ByteBuf rewritten = Unpooled.copiedBuffer(String.join("\u001e", kept), StandardCharsets.UTF_8);
                    try {
                        ctx.fireChannelRead(new PacketsMessage(m.getClient(), rewritten, m.getTransport()));
                    } finally {
                        rewritten.release();
                    }
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static void refuseUnknown(ClientHead client, String nsp) {
        Packet p = new Packet(PacketType.MESSAGE, client.getEngineIOVersion());
        p.setSubType(PacketType.ERROR);
        p.setNsp(nsp);
        p.setData(Map.of("message", ConnectionRules.INVALID_NAMESPACE));
        client.send(p);
    }

    /** Cheap test before decoding: a CONNECT starts with "40" (or follows a separator). */
    private static boolean mayHoldConnect(ByteBuf content) {
        int n = content.readableBytes();
        if (n < 2) {
            return false;
        }
        int i = content.readerIndex();
        boolean startsWithConnect = content.getByte(i) == '4' && content.getByte(i + 1) == '0';
        return startsWithConnect || content.indexOf(i, i + n, (byte) 0x1e) >= 0;
    }
}
