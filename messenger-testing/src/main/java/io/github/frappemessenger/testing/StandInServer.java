package io.github.frappemessenger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The stand-in's HTTP/1.1 on loopback (Jetty core): each request is read whole, handed to the site and answered in
 * one write with TCP_NODELAY, as gunicorn behind nginx answers. Any path is let through (UriCompliance.UNSAFE): a
 * doc name with {@code %2F} or {@code ..} reaches the site's router, which answers as Frappe would. Thread-safe.
 */
final class StandInServer {
    private final Server jetty;
    private final ServerConnector connector;

    StandInServer(Function<StandInRequest, StandInAnswer> site) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 4);
        threads.setName("frappe-stand-in");
        threads.setDaemon(true);
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptedTcpNoDelay(true);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                Map<String, String> headers = new LinkedHashMap<>();
                request.getHeaders().forEach(f -> headers.putIfAbsent(f.getName(), f.getValue()));
                StandInRequest r = StandInRequest.of(request.getMethod(), request.getHttpURI().getPath(),
                        request.getHttpURI().getQuery(), body, headers);
                StandInAnswer answer = site.apply(r);
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, answer.body(), callback);
                return true;
            }
        });
    }

    void start() {
        try {
            jetty.start();
        } catch (Exception e) {
            throw new UncheckedIOException("the Frappe stand-in could not listen on 127.0.0.1",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    boolean started() {
        return jetty.isStarted();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the Frappe stand-in did not stop: " + e, e);
        }
    }
}
