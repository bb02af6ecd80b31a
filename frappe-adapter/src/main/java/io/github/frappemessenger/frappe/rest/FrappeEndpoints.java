package io.github.frappemessenger.frappe.rest;

import io.github.frappemessenger.frappe.internal.rest.PathSegment;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * The URLs of a Frappe site's REST API (docs/protocol.md §5). DocTypes and doc names are encoded by {@link PathSegment}, so a
 * DocType like {@code Messenger Message} becomes {@code Messenger%20Message}, a name holding {@code /}, {@code ?},
 * {@code #}, {@code %} or a newline stays one segment, and the names {@code .} and {@code ..} are refused.
 * A base URL with a path (a site behind {@code https://host/erp/}) keeps it. Immutable and thread-safe.
 */
record FrappeEndpoints(HttpUrl base) {

    FrappeEndpoints {
        Objects.requireNonNull(base, "base");
    }

    /** {@code /api/resource/<DocType>}. */
    HttpUrl.Builder resource(String doctype) {
        return base.newBuilder().addPathSegment("api").addPathSegment("resource").addEncodedPathSegment(PathSegment.encode(doctype, "doctype"));
    }

    /** {@code /api/resource/<DocType>/<name>}; for a Single DocType the name is the DocType itself. */
    HttpUrl.Builder document(String doctype, String name) {
        return resource(doctype).addEncodedPathSegment(PathSegment.encode(name, "doc name"));
    }

    /** {@code /api/method/<dotted.path>}. */
    HttpUrl.Builder method(String dottedPath) {
        return base.newBuilder().addPathSegment("api").addPathSegment("method")
                .addEncodedPathSegment(PathSegment.encode(dottedPath, "method"));
    }

    /** Scheme, host and port only: safe to print (no user info, path or query). */
    String site() {
        String host = base.host().contains(":") ? "[" + base.host() + "]" : base.host();
        return base.scheme() + "://" + host + ":" + base.port();
    }
}
