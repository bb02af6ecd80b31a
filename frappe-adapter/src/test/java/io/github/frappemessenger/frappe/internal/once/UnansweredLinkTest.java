package io.github.frappemessenger.frappe.internal.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemoryMessageStore;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.frappe.internal.once.OncePerState.Outcome;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.MessengerDocs;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A link write that the site took but never answered (a timeout) is not written again: the retry reads the message
 * first, finds it linked, and reuses that link. The site is read only after such a failure.
 */
class UnansweredLinkTest {
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryMessageStore site = new InMemoryMessageStore();
    private final MessengerLifecycle lifecycle = MessengerLifecycle.builder().conversationStore(conversations)
            .messageStore(site).realtimePublisher(e -> { }).errorLog(new InMemoryErrorLog())
            .settingsSource(new InMemorySettings()).build();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();

    /** Writes the link to the "site"; the first {@code unanswered} writes are taken but answered by a timeout. */
    private final MessageLinker linker = message -> {
        MessengerMessage validated = lifecycle.validate(message);
        site.linkConversation(validated.name(), validated.conversation());
        writes.incrementAndGet();
        if (unanswered.getAndDecrement() > 0) {
            throw new IllegalStateException("timeout: the site did not answer the link write");
        }
        return Optional.of(validated);
    };

    private final OncePerState once = new OncePerState(lifecycle, site, new InJvmMessageStates(1_000),
            name -> {
                reads.incrementAndGet();
                return site.get(name);
            }, linker);

    @Test
    void aLinkWriteTakenButNotAnsweredIsReadBackInsteadOfWrittenAgain() {
        MessengerMessage inserted = message();
        unanswered.set(1);

        assertThatThrownBy(() -> once.afterInsert(inserted)).hasMessageContaining("timeout");
        assertThat(once.afterInsert(inserted)).isEqualTo(Outcome.LINKED);
        assertThat(once.onUpdate(inserted)).isEqualTo(Outcome.ANNOUNCED);

        assertThat(writes).as("link writes").hasValue(1);
        assertThat(reads).as("site reads: one, after the unanswered write").hasValue(1);
        assertThat(site.get("MSG-1").orElseThrow().conversation()).isNotBlank();
        assertThat(conversations.all()).hasSize(1);
    }

    @Test
    void anAnsweredLinkWriteNeedsNoRead() {
        MessengerMessage inserted = message();

        assertThat(once.afterInsert(inserted)).isEqualTo(Outcome.LINKED);
        assertThat(once.onUpdate(inserted)).isEqualTo(Outcome.ANNOUNCED);

        assertThat(writes).hasValue(1);
        assertThat(reads).hasValue(0);
    }

    private MessengerMessage message() {
        MessengerMessage message = MessengerMessage.fromDoc(MessengerDocs.message("MSG-1").from("psid-1")
                .set("modified", "2026-11-20 10:00:00.000001").build());
        site.save(message);
        return message;
    }
}
