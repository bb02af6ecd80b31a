package io.github.frappemessenger.socketio;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in netty-socketio's pipeline after the HTTP decoder: a full HTTP request whose path is not under the
 * Socket.IO path goes to the {@link HttpService} on a worker thread; everything else passes on untouched.
 */
@ChannelHandler.Sharable
final class NettyHttpBridge extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(NettyHttpBridge.class);

    private final String socketPath;
    private final HttpService service;
    private final ExecutorService workers;

    NettyHttpBridge(String socketPath, HttpService service, ExecutorService workers) {
        this.socketPath = socketPath;
        this.service = service;
        this.workers = workers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        if (uri.path().equals(socketPath) || uri.path().startsWith(socketPath + "/")) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpCall call;
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        try {
            Map<String, String> headers = new HashMap<>();
            req.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(),
                    (a, b) -> a + ", " + b));
            String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                    ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
            call = new HttpCall(req.method().name(), uri.path(), uri.parameters(), headers,
                    ByteBufUtil.getBytes(req.content()), remote);
        } finally {
            req.release();
        }
        try {
            workers.execute(() -> write(ctx, answer(call), keepAlive));
        } catch (RejectedExecutionException e) {
            write(ctx, HttpReply.text(503, "server is stopping"), false);
        }
    }

    private HttpReply answer(HttpCall call) {
        try {
            HttpReply reply = service.handle(call);
            return reply == null ? HttpReply.text(404, "not found") : reply;
        } catch (Exception | StackOverflowError e) {
            log.error("HTTP {} {} failed", call.method(), LogText.safe(call.path()), e);
            return HttpReply.text(500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private static void write(ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        res.headers().set("X-Content-Type-Options", "nosniff");
        reply.headers().forEach((k, v) -> res.headers().set(k, v));
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
