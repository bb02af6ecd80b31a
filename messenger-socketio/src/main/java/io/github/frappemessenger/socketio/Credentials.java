package io.github.frappemessenger.socketio;

/**
 * What a client offered to prove who it is: an API token ({@code Authorization: token key:secret}) and/or Frappe's
 * session cookie {@code sid}. Each part may be null. {@link #toString()} never shows the secret or the session.
 */
public record Credentials(String apiKey, String apiSecret, String sid) {

    public boolean hasToken() {
        return apiKey != null && apiSecret != null;
    }

    @Override
    public String toString() {
        return "Credentials[apiKey=" + apiKey + ", apiSecret=" + (apiSecret == null ? null : "***")
                + ", sid=" + (sid == null ? null : "***") + "]";
    }
}
