package io.github.frappemessenger.model;

import java.util.Map;
import java.util.Set;

/** The single doc Messenger Settings. {@code enabled} = 0 switches conversation set-up and all events off. */
public record MessengerSettings(boolean enabled, Map<String, Object> extra) {

    public static final String DOCTYPE = "Messenger Settings";

    public MessengerSettings {
        extra = DocFields.frozenCopy(extra);
    }

    public static MessengerSettings enabledByDefault() {
        return new MessengerSettings(true, Map.of());
    }

    public static MessengerSettings disabled() {
        return new MessengerSettings(false, Map.of());
    }

    public static MessengerSettings fromDoc(Map<String, ?> doc) {
        DocFields f = new DocFields(doc, DOCTYPE);
        return new MessengerSettings(f.check("enabled"), f.extras(Set.of("enabled")));
    }
}
