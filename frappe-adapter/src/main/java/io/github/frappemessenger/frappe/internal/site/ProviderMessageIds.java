package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.Sha256;

/**
 * Which Messenger Message first carried each provider id (platform, {@code message_id}), as the bridges saw them: a
 * later message with the same pair is a provider's retry (Meta delivers at least once) and is neither linked nor
 * announced. A webhook fires after the write, so both messages are stored in Frappe; the first one the bridges
 * claimed wins. Implementations are thread-safe and atomic per pair.
 */
public interface ProviderMessageIds {

    /**
     * Claims the pair for {@code messageName} unless another message holds it.
     *
     * @return the message that holds the pair now: {@code messageName}, or the one that claimed it first
     */
    String claim(String platform, String messageId, String messageName);

    /** True the first time a duplicate {@code messageName} is reported, so that it is logged once. */
    boolean firstReport(String messageName);

    /** Claims held in this JVM (bounded, least recently used forgotten first): right for one process. */
    static ProviderMessageIds inJvm(int capacity) {
        return new InJvmProviderMessageIds(capacity);
    }

    /** {@code <platform>:<first 16 hex digits of SHA-256(message_id)>}: short, and no raw provider id in keys. */
    static String key(String platform, String messageId) {
        return platform.replace(':', '_') + ":" + Sha256.hex(messageId, 16);
    }
}
