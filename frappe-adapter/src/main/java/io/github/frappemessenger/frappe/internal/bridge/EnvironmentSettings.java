package io.github.frappemessenger.frappe.internal.bridge;

import io.github.frappemessenger.frappe.bridge.MissingSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads settings from environment variables and collects every problem, so that a user learns of all missing or
 * unusable variables in one go: read everything, then {@link #check()}. A getter whose variable has a problem
 * returns null (or a default); nothing it returns is used once {@code check()} has thrown. Not thread-safe.
 */
public final class EnvironmentSettings {
    private final Map<String, String> env;
    private final List<String> variables = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public EnvironmentSettings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The stripped value, or empty when the variable is unset or blank. */
    public Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The value; a problem "is not set" (and null) when it is unset or blank. */
    public String required(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            problem(name, "is not set");
            return null;
        }
        return value.get();
    }

    /** A URL with a host and one of {@code schemes}; null (and a problem) when missing or unusable. */
    public URI url(String name, String... schemes) {
        String text = required(name);
        return text == null ? null : parseUrl(name, text, schemes);
    }

    /** Like {@link #url} for a variable that may be unset: empty then. */
    public Optional<URI> optionalUrl(String name, String... schemes) {
        return optional(name).map(text -> parseUrl(name, text, schemes));
    }

    /** A port number 0-65535, or {@code fallback} when unset. */
    public int port(String name, int fallback) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(name, "must be a port number (0-65535)");
        return fallback;
    }

    /** Records a problem with a variable; {@code problem} completes the sentence "NAME ...". */
    public void problem(String name, String problem) {
        variables.add(name);
        problems.add(name + " " + problem);
    }

    /** @throws MissingSettingException naming every problem recorded so far, in one line */
    public void check() {
        if (!problems.isEmpty()) {
            throw new MissingSettingException(variables, problems);
        }
    }

    private URI parseUrl(String name, String text, String... schemes) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // The parser's message quotes the value, which may hold a password: do not chain it.
            problem(name, "is not a URL");
            return null;
        }
        if (uri.getHost() == null || !Arrays.asList(schemes).contains(uri.getScheme())) {
            problem(name, "must be a " + String.join(" or ", schemes) + " URL with a host");
            return null;
        }
        return uri;
    }
}
