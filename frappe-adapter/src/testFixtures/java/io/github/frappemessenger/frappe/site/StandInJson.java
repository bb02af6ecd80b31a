package io.github.frappemessenger.frappe.site;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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

    /** Equality filters, order_by, limit_page_length (0: all; 20 by default, as Frappe), fields. */
    static List<Map<String, Object>> select(Collection<Map<String, Object>> docs, HttpUrl url, boolean page) {
        List<List<Object>> filters = read(url.queryParameter("filters"), FILTERS, List.of());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            if (filters.stream().allMatch(f -> "=".equals(f.get(1))
                    && String.valueOf(doc.get((String) f.get(0))).equals(String.valueOf(f.get(2))))) {
                rows.add(doc);
            }
        }
        String order = url.queryParameter("order_by") == null ? "modified desc" : url.queryParameter("order_by");
        String[] by = order.split(" ");
        Comparator<Map<String, Object>> cmp = Comparator.comparing(d -> String.valueOf(d.get(by[0])));
        rows.sort(by.length > 1 && by[1].equalsIgnoreCase("desc") ? cmp.reversed() : cmp);
        String limit = url.queryParameter("limit_page_length");
        int n = limit == null ? 20 : Integer.parseInt(limit);
        List<Map<String, Object>> pageRows = page && n > 0 && rows.size() > n ? rows.subList(0, n) : rows;
        List<String> fields = read(url.queryParameter("fields"), new TypeReference<List<String>>() { }, List.of("name"));
        List<Map<String, Object>> projected = new ArrayList<>();
        for (Map<String, Object> row : pageRows) {
            Map<String, Object> p = new LinkedHashMap<>();
            fields.forEach(field -> p.put(field, row.get(field)));
            projected.add(p);
        }
        return projected;
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
