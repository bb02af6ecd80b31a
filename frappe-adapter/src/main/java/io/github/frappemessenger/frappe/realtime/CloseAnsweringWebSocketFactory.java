package io.github.frappemessenger.frappe.realtime;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Opens socket.io's websockets and answers a server's close frame. engine.io-client-java's listener ignores
 * {@code onClosing}, and OkHttp stops reading after a close frame until the application closes too, so a server
 * that shuts down gracefully (as socket.io's {@code io.close()} does) would leave the client "connected" until the
 * ping timeout, some 45 s later. Answering the close makes OkHttp report {@code onClosed} at once, and the client
 * reconnects. Thread-safe.
 */
final class CloseAnsweringWebSocketFactory implements WebSocket.Factory {
    private static final int NORMAL_CLOSURE = 1000;
    private final OkHttpClient http;

    CloseAnsweringWebSocketFactory(OkHttpClient http) {
        this.http = http;
    }

    @Override
    public WebSocket newWebSocket(Request request, WebSocketListener listener) {
        return http.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                listener.onOpen(webSocket, response);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                listener.onMessage(webSocket, text);
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                listener.onMessage(webSocket, bytes);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                listener.onClosing(webSocket, code, reason);
                webSocket.close(NORMAL_CLOSURE, null);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                listener.onClosed(webSocket, code, reason);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                listener.onFailure(webSocket, t, response);
            }
        });
    }
}
