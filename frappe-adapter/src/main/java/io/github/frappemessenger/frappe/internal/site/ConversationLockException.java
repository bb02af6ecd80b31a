package io.github.frappemessenger.frappe.internal.site;

/**
 * A {@link ConversationLock} could not be taken: another holder kept it past the wait, or the lock's store (Redis)
 * failed. Transient: the caller should fail the current request so that it is tried again (a webhook answers 503 and
 * Frappe retries). Unchecked; immutable.
 */
public final class ConversationLockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ConversationLockException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The full key of the lock, as stored (e.g. {@code messenger:lock:crm.example.com:sender:Facebook:1234}). */
    public String key() {
        return key;
    }
}
