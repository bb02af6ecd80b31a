package io.github.frappemessenger.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.SaveResult;
import io.github.frappemessenger.examples.DemoDocs;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.socketio.HttpCall;
import io.github.frappemessenger.socketio.HttpReply;
import io.github.frappemessenger.socketio.HttpService;
import io.github.frappemessenger.socketio.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page and the JSON API of {@code serve} (docs/serve.md): {@code POST /api/messages} (one Messenger Message doc,
 * insert or update by name), {@code GET /api/conversations}, {@code GET /api/conversations/<name>/messages},
 * {@code POST /api/conversations/<name>/read}, and {@code POST /api/login} (token to session cookie). Every API
 * call but login needs a desk user's token or session. Thread-safe.
 */
final class InboxApi implements HttpService {
    private static final TypeReference<Map<String, Object>> DOC = new TypeReference<>() {
    };
    private static final String CONVERSATIONS = "/api/conversations/";
    private static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator.comparing(
            (Map<String, Object> c) -> (String) c.get("last_message_time"),
            Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(c -> (String) c.get("name"));

    private final Backend backend;
    private final ServeAccounts accounts;
    private final String site;
    private final StaticFiles files = new StaticFiles();
    private final ObjectMapper mapper = new ObjectMapper();

    InboxApi(Backend backend, ServeAccounts accounts, String site) {
        this.backend = backend;
        this.accounts = accounts;
        this.site = site;
    }

    @Override
    public HttpReply handle(HttpCall call) throws JsonProcessingException {
        String path = call.path();
        if (!path.startsWith("/api/")) {
            return call.method().equals("GET") ? files.get(path).orElse(error(404, "not found")) : error(405,
                    "only GET here");
        }
        if (path.equals("/api/login")) {
            return post(call) ? login(call) : error(405, "use POST");
        }
        Optional<Principal> who = ApiAuth.principal(call, accounts);
        if (who.isEmpty() || !who.get().deskUser()) {
            return error(401, "sign in: POST /api/login with {\"token\": \"key:secret\"}, or send "
                    + "Authorization: token key:secret");
        }
        if (post(call) && !ApiAuth.sameOrigin(call)) {
            return error(403, "the Origin of this request is not this server");
        }
        if (path.equals("/api/me")) {
            return json(200, Map.of("user", who.get().user(), "site", site));
        }
        if (path.equals("/api/logout")) {
            accounts.logout(ApiAuth.sid(call));
            return json(200, Map.of("ok", true)).withHeader("Set-Cookie", ApiAuth.clearCookie());
        }
        if (path.equals("/api/messages")) {
            return post(call) ? saveMessage(call) : error(405, "use POST");
        }
        if (path.equals("/api/conversations")) {
            return call.method().equals("GET") ? json(200, Map.of("conversations", conversations()))
                    : error(405, "use GET");
        }
        if (path.startsWith(CONVERSATIONS) && path.endsWith("/messages") && call.method().equals("GET")) {
            String name = path.substring(CONVERSATIONS.length(), path.length() - "/messages".length());
            return json(200, Map.of("conversation", name, "messages",
                    backend.messages(name).stream().map(MessengerMessage::toDoc).toList()));
        }
        if (path.startsWith(CONVERSATIONS) && path.endsWith("/read") && post(call)) {
            return markRead(path.substring(CONVERSATIONS.length(), path.length() - "/read".length()));
        }
        return error(404, "no such API route");
    }

    private HttpReply login(HttpCall call) throws JsonProcessingException {
        Map<String, Object> body = parse(call);
        Object token = body == null ? null : body.get("token");
        Optional<String> sid = accounts.login(token == null ? null : token.toString());
        if (sid.isEmpty()) {
            return error(401, "unknown token");
        }
        return json(200, Map.of("ok", true)).withHeader("Set-Cookie", ApiAuth.sessionCookie(sid.get()));
    }

    private HttpReply saveMessage(HttpCall call) throws JsonProcessingException {
        Map<String, Object> doc = parse(call);
        if (doc == null) {
            return error(400, "the body is not one JSON object (a Messenger Message doc)");
        }
        if (DemoDocs.isConversation(doc)) {
            // A demo input line may be a save of a conversation (block_chat, status): the same rules as demo.
            String problem = DemoDocs.save(backend.messenger(), doc);
            return problem == null ? json(200, Map.of("conversation", doc.get("name"))) : error(422, problem);
        }
        Object name = doc.get("name");
        if (name == null || name.toString().isBlank()) {
            return error(400, "the doc has no 'name'");
        }
        try {
            SaveResult r = backend.messenger().save(doc);
            return json(r.inserted() ? 201 : 200, Map.of("inserted", r.inserted(), "message", r.message().toDoc()));
        } catch (MessengerValidationException | IllegalArgumentException e) {
            return error(422, e.getMessage());
        }
    }

    private HttpReply markRead(String conversation) throws JsonProcessingException {
        int marked = 0;
        for (MessengerMessage m : backend.messages(conversation)) {
            if (m.countsAsUnread()) {
                backend.messenger().save(Map.of("name", m.name(), "is_read", 1));
                marked++;
            }
        }
        return json(200, Map.of("conversation", conversation, "marked", marked));
    }

    private List<Map<String, Object>> conversations() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MessengerConversation c : backend.conversations()) {
            Map<String, Object> row = new LinkedHashMap<>(c.toDoc());
            row.put("unread_count", backend.unread(c.name()));
            rows.add(row);
        }
        rows.sort(NEWEST_FIRST);
        return rows;
    }

    private Map<String, Object> parse(HttpCall call) {
        try {
            return call.body().length == 0 ? null : mapper.readValue(call.body(), DOC);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static boolean post(HttpCall call) {
        return call.method().equals("POST");
    }

    private HttpReply json(int status, Object body) throws JsonProcessingException {
        return HttpReply.json(status, mapper.writeValueAsString(body));
    }

    private HttpReply error(int status, String message) {
        try {
            return json(status, Map.of("error", message));
        } catch (JsonProcessingException e) {
            return HttpReply.text(status, message);
        }
    }
}
