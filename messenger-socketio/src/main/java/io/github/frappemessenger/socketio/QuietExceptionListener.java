package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.listener.ExceptionListenerAdapter;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer that goes away mid-request (a closed tab, a killed client) is normal for a server of browsers: logged at
 * DEBUG without a stack trace. Anything else is a WARN with its stack trace.
 */
final class QuietExceptionListener extends ExceptionListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MessengerSocketServer.class);

    /** A socket whose admission failed half-way (say, the history's Redis is away) is dropped, to retry later. */
    @Override
    public void onConnectException(Exception e, SocketIOClient client) {
        log.warn("could not admit socket {}; disconnecting it so that it retries", client.getSessionId(), e);
        client.disconnect();
    }

    @Override
    public void onAuthException(Throwable e, SocketIOClient client) {
        log.warn("checking socket {} failed", client.getSessionId(), e);
    }

    @Override
    public void onEventException(Exception e, java.util.List<Object> args, SocketIOClient client) {
        log.warn("handling an event of socket {} failed", client.getSessionId(), e);
    }

    @Override
    public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
        if (e instanceof IOException) {
            log.debug("connection from {} ended: {}", ctx.channel().remoteAddress(), e.toString());
        } else {
            log.warn("connection from {} failed", ctx.channel().remoteAddress(), e);
        }
        ctx.close();
        return true;
    }
}
