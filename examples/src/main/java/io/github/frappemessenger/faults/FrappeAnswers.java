package io.github.frappemessenger.faults;

import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * The bodies Frappe answers with: {@code {"data": ...}} for {@code /api/resource}, {@code {"message": ...}} for
 * {@code /api/method}, and for an error the status of its exception with {@code exc_type}, a one-line
 * {@code exception}, a traceback in {@code exc} and the user's message in {@code _server_messages} (each a JSON text
 * inside the JSON, as Frappe sends them).
 */
final class FrappeAnswers {
    private FrappeAnswers() {
    }

    static MockResponse data(Object value) {
        return json(200, Map.of("data", value));
    }

    static MockResponse message(Object value) {
        return json(200, Map.of("message", value));
    }

    static MockResponse notFound(String doctype, String name) {
        return error(404, "DoesNotExistError", doctype + " " + name + " not found");
    }

    static MockResponse error(int status, String excType, String text) {
        String exception = "frappe.exceptions." + excType + ": " + text;
        String traceback = "Traceback (most recent call last):\n  File \"apps/frappe/frappe/app.py\", line 114, in "
                + "application\n    response = frappe.api.handle(request)\n" + exception + "\n";
        return json(status, Map.of("exc_type", excType, "exception", exception,
                "exc", FrappeJson.write(List.of(traceback)),
                "_server_messages", FrappeJson.write(List.of(FrappeJson.write(Map.of("message", text))))));
    }

    private static MockResponse json(int status, Object body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(FrappeJson.write(body)).build();
    }
}
