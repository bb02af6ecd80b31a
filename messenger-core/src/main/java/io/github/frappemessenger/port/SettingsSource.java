package io.github.frappemessenger.port;

import io.github.frappemessenger.model.MessengerSettings;

/** The current Messenger Settings. Implementations are thread-safe and may cache. */
public interface SettingsSource {

    MessengerSettings current();
}
