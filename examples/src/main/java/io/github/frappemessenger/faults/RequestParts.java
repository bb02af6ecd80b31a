package io.github.frappemessenger.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/** How Frappe reads a request's arguments: the query string, and a JSON or form body laid over it. */
final class RequestParts {
    private RequestParts() {
    }

    static Map<String, Object> params(RecordedRequest request) {
        Map<String, Object> p = new LinkedHashMap<>();
        HttpUrl url = request.getUrl();
        url.queryParameterNames().forEach(n -> p.put(n, url.queryParameter(n)));
        if (request.getBody() != null && request.getBody().size() > 0) {
            String text = request.getBody().utf8();
            if (text.strip().startsWith("{")) {
                p.putAll(FrappeJson.readObject(text));
            } else {
                HttpUrl form = HttpUrl.get("http://form/?" + text);
                form.queryParameterNames().forEach(n -> p.put(n, form.queryParameter(n)));
            }
        }
        return p;
    }

    static Map<String, Object> body(RecordedRequest request) {
        String text = request.getBody() == null ? "" : request.getBody().utf8();
        Map<String, Object> parsed = text.isBlank() ? new LinkedHashMap<>() : FrappeJson.readObject(text);
        Object data = parsed.get("data"); // Frappe also accepts {"data": "<json>"}
        return data instanceof String s ? FrappeJson.readObject(s) : parsed;
    }

    /** A parameter sent as JSON text (a GET query) or already parsed (a JSON body). */
    static Object json(Object value) {
        return value instanceof String s && !s.isBlank() ? FrappeJson.read(s) : value;
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
