package io.github.frappemessenger.frappe.site;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/** The stand-in's JSON: Frappe's answer envelopes, request bodies, and {@code /api/resource} list queries. */
final class StandInJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> DOC = new TypeReference<>() { };
    private static final TypeReference<List<List<Object>>> FILTERS = new TypeReference<>() { };

    private StandInJson() {
    }

    /** A list query as Frappe's {@code get_list} answers it: see {@link StandInList}. */
    static List<Map<String, Object>> select(Collection<Map<String, Object>> docs, HttpUrl url, boolean page) {
        return StandInList.query(new ArrayList<>(docs), read(url.queryParameter("filters"), FILTERS, List.of()),
                url.queryParameter("order_by"), integer(url.queryParameter("limit_start")),
                integer(url.queryParameter("limit_page_length")),
                read(url.queryParameter("fields"), new TypeReference<List<String>>() { }, List.of("name")), page);
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    static Map<String, Object> doc(String text) {
        return read(text, DOC, new LinkedHashMap<>());
    }

    static MockResponse ok(String key, Object value) {
        try {
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(JSON.writeValueAsString(Map.of(key, value))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frappe's error envelope: {@code exc_type} and the one-line {@code exception}. */
    static MockResponse error(int status, String excType, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exc_type", excType);
        body.put("exception", "frappe.exceptions." + excType + ": " + text);
        try {
            return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                    .body(JSON.writeValueAsString(body)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type, T absent) {
        try {
            return text == null ? absent : JSON.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
