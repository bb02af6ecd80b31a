package io.github.frappemessenger.frappe.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.internal.LogSafe;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one REST call, retrying it as {@link FrappeClient} documents, and returns the answer's JSON or throws a
 * {@link FrappeException}. Logs the method and path only: never a header, a query (filters may hold phone numbers)
 * or a body. Thread-safe: it holds only immutable or thread-safe objects.
 */
final class FrappeTransport {

    private static final Logger log = LoggerFactory.getLogger(FrappeTransport.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final RetryPolicy retry;
    private final String authorization;
    private final String site;
    private final FrappeErrorDecoder errors;

    FrappeTransport(OkHttpClient http, ObjectMapper mapper, RetryPolicy retry, String authorization, String site,
                    FrappeErrorDecoder errors) {
        this.http = http;
        this.mapper = mapper;
        this.retry = retry;
        this.authorization = authorization;
        this.site = site;
        this.errors = errors;
    }

    FrappeAnswer get(HttpUrl url) {
        return execute(request(url).get().build(), true);
    }

    FrappeAnswer delete(HttpUrl url) {
        return execute(request(url).delete().build(), true);
    }

    FrappeAnswer put(HttpUrl url, Object body) {
        return execute(request(url).put(json(body)).build(), true);
    }

    /** Not idempotent: retried only on 429, when Frappe refused it before doing any work. */
    FrappeAnswer post(HttpUrl url, Object body) {
        return execute(request(url).post(json(body)).build(), false);
    }

    /** A value as JSON text, for a query parameter or a body. */
    String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder builder = new Request.Builder().url(url).header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private RequestBody json(Object body) {
        return RequestBody.create(toJson(body), JSON);
    }

    private FrappeAnswer execute(Request request, boolean idempotent) {
        String what = request.method() + " " + request.url().encodedPath();
        for (int attempt = 1; ; attempt++) {
            Duration pause;
            try (Response response = http.newCall(request).execute()) {
                String body = response.body().string();
                if (response.isSuccessful()) {
                    return new FrappeAnswer(response.code(), what, read(response.code(), body, what), mapper);
                }
                FrappeException error = errors.decode(response.code(), response.message(), body, what, attempt);
                pause = pauseBeforeRetry(error, response.header("Retry-After"), idempotent, attempt);
                if (pause == null) {
                    throw error;
                }
                log.warn("Frappe answered {} to {}; try {} of {} in {} ms", response.code(), what, attempt + 1,
                        retry.maxAttempts(), pause.toMillis());
            } catch (IOException e) {
                boolean interrupted = e instanceof InterruptedIOException && Thread.currentThread().isInterrupted();
                if (!idempotent || attempt >= retry.maxAttempts() || interrupted) {
                    throw new FrappeUnavailableException(site, what, attempt, e);
                }
                pause = retry.backoff(attempt);
                log.warn("Frappe did not answer {} ({}); try {} of {} in {} ms", what, LogSafe.of(e), attempt + 1,
                        retry.maxAttempts(), pause.toMillis());
            }
            sleep(pause, what, attempt);
        }
    }

    /** The pause before the next try, or null when the error must not be retried. */
    private Duration pauseBeforeRetry(FrappeException error, String retryAfter, boolean idempotent, int attempt) {
        if (attempt >= retry.maxAttempts()) {
            return null;
        }
        if (error.kind() == FrappeException.Kind.RATE_LIMITED) {
            Duration asked = retryAfter(retryAfter);
            return asked == null ? retry.backoff(attempt) : retry.retryAfter(asked);
        }
        return idempotent && error.kind() == FrappeException.Kind.SERVER ? retry.backoff(attempt) : null;
    }

    /** {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110 §10.2.3); null if absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.between(ZonedDateTime.now(at.getZone()), at);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private JsonNode read(int status, String body, String what) {
        if (body.isBlank()) {
            return mapper.missingNode();
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw errors.unreadable(status, body, what, "with JSON that is not an object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw errors.unreadable(status, body, what, "with a body that is not JSON");
        }
    }

    private void sleep(Duration pause, String what, int attempt) {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrappeUnavailableException(site, what, attempt, e);
        }
    }
}
