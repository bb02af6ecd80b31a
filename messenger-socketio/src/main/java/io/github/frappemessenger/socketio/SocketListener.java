package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The listening part of netty-socketio's {@code SocketIOServer}, without it: that class builds a default pipeline
 * factory in a field initializer, and the factory a timer ({@code HashedWheelTimer}); a server that puts its own
 * factory in place leaves that one to the garbage collector unstopped, and Netty then logs "LEAK:
 * HashedWheelTimer.release() was not called". Here the one factory is {@link MessengerChannelInitializer}, made
 * when the listener starts and stopped with it. Its namespaces are netty-socketio's. Nothing runs until
 * {@link #start()}; not thread-safe (the server calls it under its own lock).
 */
final class SocketListener {
    private final Configuration configuration;
    private final NamespacesHub namespaces;
    private final Supplier<MessengerChannelInitializer> pipelines;
    private MessengerChannelInitializer pipeline;
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    /** {@code configuration} is not changed afterwards; it must carry its JSON support. */
    SocketListener(Configuration configuration, Supplier<MessengerChannelInitializer> pipelines) {
        if (configuration.getJsonSupport() == null) {
            throw new IllegalArgumentException("the configuration has no JSON support");
        }
        this.configuration = configuration;
        this.namespaces = new NamespacesHub(configuration);
        this.pipelines = pipelines;
    }

    /** The namespace of that name, created when it does not exist yet. */
    SocketIONamespace namespace(String name) {
        return namespaces.create(name);
    }

    /** Binds the configured host and port; returns the address bound. */
    InetSocketAddress start() {
        pipeline = pipelines.get();
        pipeline.start(configuration, namespaces);
        boss = new NioEventLoopGroup(configuration.getBossThreads());
        workers = new NioEventLoopGroup(configuration.getWorkerThreads());
        SocketConfig socket = configuration.getSocketConfig();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(pipeline)
                .childOption(ChannelOption.TCP_NODELAY, socket.isTcpNoDelay())
                .childOption(ChannelOption.SO_KEEPALIVE, socket.isTcpKeepAlive())
                .childOption(ChannelOption.SO_LINGER, socket.getSoLinger())
                .option(ChannelOption.SO_REUSEADDR, socket.isReuseAddress())
                .option(ChannelOption.SO_BACKLOG, socket.getAcceptBackLog());
        return (InetSocketAddress) b.bind(configuration.getHostname(), configuration.getPort())
                .syncUninterruptibly().channel().localAddress();
    }

    /**
     * Closes the listening socket and every connection (without Netty's 2 s quiet period), then stops the pipeline's
     * timer and session store. Does nothing when it never started.
     */
    void stop() {
        if (pipeline == null) {
            return;
        }
        for (EventLoopGroup group : new EventLoopGroup[] {boss, workers}) {
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        pipeline.stop();
    }
}
