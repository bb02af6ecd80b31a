package io.github.frappemessenger.embedded;

import io.github.frappemessenger.model.MessengerSettings;
import io.github.frappemessenger.port.SettingsSource;
import java.util.Objects;

/** Messenger Settings held in memory; enabled unless set otherwise. Thread-safe (a volatile reference). */
public final class InMemorySettings implements SettingsSource {
    private volatile MessengerSettings settings;

    public InMemorySettings() {
        this(MessengerSettings.enabledByDefault());
    }

    public InMemorySettings(MessengerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public MessengerSettings current() {
        return settings;
    }

    public void set(MessengerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }
}
