package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * netty-socketio's pipeline plus two handlers before its packet handler: {@link ConnectPacketAuth} (so that the
 * namespace rules run for every socket) and, when a service is set, {@link NettyHttpBridge} (the page and API on the
 * same port); and its encoder with {@link CompletePacketEncoder}.
 */
final class MessengerChannelInitializer extends SocketIOChannelInitializer {
    private final ConnectPacketAuth connectAuth;
    private final DirectFrames directFrames = new DirectFrames();
    private final NettyHttpBridge http;
    private EncoderHandler encoder;

    MessengerChannelInitializer(java.util.Set<String> namespaces, NettyHttpBridge http) {
        this.connectAuth = new ConnectPacketAuth(namespaces);
        this.http = http;
    }

    @Override
    public void start(Configuration configuration, NamespacesHub namespacesHub) {
        super.start(configuration, namespacesHub);
        try {
            encoder = new EncoderHandler(configuration,
                    new CompletePacketEncoder(configuration, configuration.getJsonSupport()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void initChannel(Channel ch) throws Exception {
        super.initChannel(ch);
        // A broadcast queues one write and flush per socket per event. Flushes asked for outside a read are run
        // once the event loop has taken the writes queued with them, so a socket that several events reach in the
        // same turn of its loop gets them in one system call instead of one each (what a busy room needs).
        ch.pipeline().addFirst("messengerFlushes", new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.replace(SOCKETIO_ENCODER, SOCKETIO_ENCODER, encoder);
        pipeline.addBefore(PACKET_HANDLER, "messengerConnectAuth", connectAuth);
        pipeline.addBefore(PACKET_HANDLER, "messengerDirectFrames", directFrames);
        if (http != null) {
            // After netty-socketio's authorize handler, which cancels its first-data timeout for every request
            // (before it, a keep-alive API connection was closed 5 s after it opened, even in mid-request).
            pipeline.addAfter(AUTHORIZE_HANDLER, "messengerHttp", http);
        }
    }
}
