package io.github.frappemessenger.frappe.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A Frappe site's REST API (docs/protocol.md §5): documents under {@code /api/resource}, whitelisted methods under
 * {@code /api/method}. Build one with {@link #builder()}; it is immutable and thread-safe, so share one per site.
 *
 * <pre>{@code
 * FrappeClient frappe = FrappeClient.builder()
 *     .baseUrl("https://crm.example.com")
 *     .apiKey(key).apiSecret(secret)          // Authorization: token key:secret
 *     .build();
 * Optional<Map<String, Object>> message = frappe.getDoc("Messenger Message", "MSG-0001");
 * }</pre>
 *
 * <p><b>Errors.</b> Every call throws an unchecked {@link FrappeException} whose {@link FrappeException#kind() kind}
 * says what went wrong, or {@link FrappeUnavailableException} when Frappe gave no answer. The exception's message
 * quotes Frappe's own words and never the API secret. Only {@link #getDoc} turns a 404 into a result (empty).
 *
 * <p><b>Retries</b> follow the {@link RetryPolicy} (3 attempts by default), with exponential backoff and jitter:
 * <ul>
 *   <li>Calls that are safe to repeat — GET ({@link #getDoc}, {@link #getList}, {@link #getCount},
 *       {@link #callMethod}), PUT ({@link #update}) and DELETE ({@link #delete}) — are retried after a connection
 *       failure, a timeout, a 429 or a 5xx.</li>
 *   <li>POST calls — {@link #insert} and {@link #postMethod} — are retried only after a 429, which Frappe sends
 *       before doing any work. After a timeout or a 5xx the write may have happened, so repeating it could insert
 *       twice; the caller decides.</li>
 *   <li>A 429's {@code Retry-After} sets the pause, capped by {@link RetryPolicy#maxRetryAfter()}.</li>
 *   <li>401, 403, 404, 409, 417 and other 4xx are never retried.</li>
 * </ul>
 * Timeouts apply to each attempt: by default 2 s to connect, 4 s to read, 4 s for the whole attempt. A webhook must be
 * answered within 5 s, so code on that path should use a short {@link RetryPolicy} or none. (OkHttp itself may
 * silently repeat a request once on a stale pooled connection.)
 */
public final class FrappeClient {

    private final FrappeEndpoints endpoints;
    private final OkHttpClient http;
    private final RetryPolicy retryPolicy;
    private final String apiKey;
    private final FrappeTransport transport;

    private FrappeClient(Builder b) {
        this.endpoints = new FrappeEndpoints(b.baseUrl);
        OkHttpClient base = b.okHttpClient != null ? b.okHttpClient : new OkHttpClient();
        // newBuilder() keeps the shared client's connection pool and dispatcher, and changes only the timeouts.
        this.http = base.newBuilder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .callTimeout(b.callTimeout)
                .build();
        ObjectMapper mapper = b.objectMapper != null ? b.objectMapper : new ObjectMapper();
        this.retryPolicy = b.retryPolicy;
        this.apiKey = b.apiKey;
        String authorization = b.apiKey == null ? null : "token " + b.apiKey + ":" + b.apiSecret;
        this.transport = new FrappeTransport(http, mapper, retryPolicy, authorization, endpoints.site(),
                new FrappeErrorDecoder(mapper, b.apiSecret));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code GET /api/resource/<doctype>/<name>}; empty when Frappe answers 404. For a Single, name = doctype. */
    public Optional<Map<String, Object>> getDoc(String doctype, String name) {
        try {
            return Optional.of(transport.get(endpoints.document(doctype, name).build()).document());
        } catch (FrappeException e) {
            if (e.kind() == FrappeException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code GET /api/resource/<doctype>} with the query's fields, filters, order and page; with a {@code groupBy},
     * {@code GET /api/method/frappe.client.get_list} instead, since {@code /api/resource} ignores {@code group_by}.
     */
    public List<Map<String, Object>> getList(ListQuery query) {
        Objects.requireNonNull(query, "query");
        boolean grouped = query.groupBy() != null;
        HttpUrl.Builder url = grouped
                ? endpoints.method("frappe.client.get_list").addQueryParameter("doctype", query.doctype())
                : endpoints.resource(query.doctype());
        if (!query.fields().isEmpty()) {
            url.addQueryParameter("fields", transport.toJson(query.fields()));
        }
        addFilters(url, query.filters());
        addIfSet(url, "group_by", query.groupBy());
        addIfSet(url, "order_by", query.orderBy());
        addIfSet(url, "limit_start", query.limitStart());
        addIfSet(url, "limit_page_length", query.limitPageLength());
        return transport.get(url.build()).rows(grouped ? "message" : "data");
    }

    /** {@code POST /api/resource/<doctype>}; returns the inserted document as Frappe stored it (with its name). */
    public Map<String, Object> insert(String doctype, Map<String, Object> doc) {
        Objects.requireNonNull(doc, "doc");
        return transport.post(endpoints.resource(doctype).build(), doc).document();
    }

    /** {@code PUT /api/resource/<doctype>/<name>} with only the fields to change; returns the saved document. */
    public Map<String, Object> update(String doctype, String name, Map<String, Object> changes) {
        Objects.requireNonNull(changes, "changes");
        return transport.put(endpoints.document(doctype, name).build(), changes).document();
    }

    /** {@code DELETE /api/resource/<doctype>/<name>}; a missing document throws {@link FrappeException.Kind#NOT_FOUND}. */
    public void delete(String doctype, String name) {
        transport.delete(endpoints.document(doctype, name).build());
    }

    /** {@code GET /api/method/frappe.client.get_count?doctype=...&filters=[...]}: how many rows match. */
    public long getCount(String doctype, List<Filter> filters) {
        HttpUrl.Builder url = endpoints.method("frappe.client.get_count").addQueryParameter("doctype", doctype);
        addFilters(url, filters == null ? List.of() : filters);
        return transport.get(url.build()).count();
    }

    /**
     * {@code GET /api/method/<dottedPath>?arg=...}: a string argument is sent as it is, any other value as JSON text
     * (Frappe parses it back). Returns {@code message}: a map, list, string, number, boolean, or null.
     */
    public Object callMethod(String dottedPath, Map<String, Object> args) {
        HttpUrl.Builder url = endpoints.method(dottedPath);
        if (args != null) {
            args.forEach((key, value) -> {
                if (value != null) {
                    url.addQueryParameter(key, value instanceof String s ? s : transport.toJson(value));
                }
            });
        }
        return transport.get(url.build()).message();
    }

    /** {@code POST /api/method/<dottedPath>} with {@code body} as JSON. Returns {@code message}, as {@link #callMethod}. */
    public Object postMethod(String dottedPath, Map<String, Object> body) {
        return transport.post(endpoints.method(dottedPath).build(), body == null ? Map.of() : body).message();
    }

    /**
     * The OkHttp client this uses (the shared one given to the builder, with this client's timeouts). Derive others
     * from it with {@code newBuilder()} to share its connection pool, e.g. for a Socket.IO client, which needs its own
     * (longer) read timeout.
     */
    public OkHttpClient okHttpClient() {
        return http;
    }

    public HttpUrl baseUrl() {
        return endpoints.base();
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public String toString() {
        return "FrappeClient[" + endpoints.site() + (apiKey == null ? "" : ", apiKey=" + apiKey) + "]";
    }

    private void addFilters(HttpUrl.Builder url, List<Filter> filters) {
        if (!filters.isEmpty()) {
            List<List<Object>> wire = new ArrayList<>();
            filters.forEach(filter -> wire.add(filter.toWire()));
            url.addQueryParameter("filters", transport.toJson(wire));
        }
    }

    private static void addIfSet(HttpUrl.Builder url, String name, Object value) {
        if (value != null) {
            url.addQueryParameter(name, value.toString());
        }
    }

    /** Configures a {@link FrappeClient}. Not thread-safe; the client it builds is. */
    public static final class Builder {
        private HttpUrl baseUrl;
        private String apiKey;
        private String apiSecret;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(4);
        private Duration callTimeout = Duration.ofSeconds(4);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private OkHttpClient okHttpClient;
        private ObjectMapper objectMapper;

        private Builder() {
        }

        /** The site's URL, e.g. {@code https://crm.example.com}. Required. */
        public Builder baseUrl(String url) {
            HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "baseUrl"));
            if (parsed == null) {
                throw new IllegalArgumentException("baseUrl must be an http or https URL");
            }
            return baseUrl(parsed);
        }

        public Builder baseUrl(HttpUrl url) {
            this.baseUrl = Objects.requireNonNull(url, "baseUrl");
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Sent only in the Authorization header; never logged, never in an exception message. */
        public Builder apiSecret(String apiSecret) {
            this.apiSecret = apiSecret;
            return this;
        }

        /** Zero means no timeout (OkHttp's convention), for this and the other timeouts. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = notNegative(timeout, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = notNegative(timeout, "readTimeout");
            return this;
        }

        /** Bounds one attempt from start to end: connect, send, wait, read. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = notNegative(timeout, "callTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** A client whose connection pool and dispatcher to share; its timeouts are replaced by this builder's. */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = Objects.requireNonNull(client, "okHttpClient");
            return this;
        }

        /** The mapper for bodies and answers; must not be reconfigured after it is handed over. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = Objects.requireNonNull(mapper, "objectMapper");
            return this;
        }

        public FrappeClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required");
            }
            if ((apiKey == null) != (apiSecret == null)) {
                throw new IllegalStateException("apiKey and apiSecret go together: set both or neither");
            }
            return new FrappeClient(this);
        }

        private static Duration notNegative(Duration duration, String what) {
            if (Objects.requireNonNull(duration, what).isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + duration);
            }
            return duration;
        }
    }
}
