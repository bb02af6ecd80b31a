package io.github.frappemessenger.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One answer of the stand-in (what an {@link Interceptor} may return instead), as Frappe writes it: {@code {"data": ...}} for {@code /api/resource},
 * {@code {"message": ...}} for {@code /api/method}, and for an error the status of its exception with
 * {@code exc_type}, a one-line {@code exception}, a traceback in {@code exc} and the user's message in
 * {@code _server_messages} (each a JSON text inside the JSON, as Frappe sends them). Immutable.
 */
public record StandInAnswer(int status, String body) {

    public static StandInAnswer data(Object value) {
        return new StandInAnswer(200, FrappeJson.write(Map.of("data", value)));
    }

    public static StandInAnswer message(Object value) {
        return new StandInAnswer(200, FrappeJson.write(Map.of("message", value)));
    }

    public static StandInAnswer notFound(String doctype, String name) {
        return error(404, "DoesNotExistError", doctype + " " + name + " not found");
    }

    public static StandInAnswer error(int status, String excType, String text) {
        String exception = "frappe.exceptions." + excType + ": " + text;
        String traceback = traceback(exception);
        return new StandInAnswer(status, FrappeJson.write(Map.of("exc_type", excType, "exception", exception,
                "exc", python(List.of(traceback)),
                "_server_messages", python(List.of(python(Map.of("message", text)))))));
    }

    /** A Python traceback ending in {@code exception}, as {@code frappe.get_traceback()} writes one. */
    static String traceback(String exception) {
        return "Traceback (most recent call last):\n  File \"apps/frappe/frappe/app.py\", line 114, in "
                + "application\n    response = frappe.api.handle(request)\n" + exception + "\n";
    }

    /** The JSON texts inside an error body are Python's {@code json.dumps}. */
    private static String python(Object value) {
        return new String(FrappeJson.dumps(value), StandardCharsets.US_ASCII);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
