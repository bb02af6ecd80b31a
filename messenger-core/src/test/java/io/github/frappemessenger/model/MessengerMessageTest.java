package io.github.frappemessenger.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.fixtures.Docs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessengerMessageTest {

    @Test
    void readsFrappeFieldNamesAndWritesThemBackUnchanged() {
        Map<String, Object> doc = Docs.incoming("MSG-1", "42", "hello", "2026-11-20 10:00:00.5");
        doc.put("modified", "2026-11-20 10:00:01.000001");
        doc.put("custom_lead", "CRM-LEAD-1");

        MessengerMessage m = MessengerMessage.fromDoc(doc);

        assertThat(m.senderId()).isEqualTo("42");
        assertThat(m.isIncoming()).isTrue();
        assertThat(m.isRead()).isFalse();
        Map<String, Object> back = m.toDoc();
        assertThat(back.get("custom_lead")).isEqualTo("CRM-LEAD-1");
        assertThat(back.get("modified")).isEqualTo("2026-11-20 10:00:01.000001");
        assertThat(back.get("doctype")).isEqualTo("Messenger Message");
        assertThat(back.get("is_read")).isEqualTo(0);
        assertThat(back.get("timestamp")).isEqualTo("2026-11-20 10:00:00.500000");
    }

    @Test
    void checkFieldsTravelAsZeroOrOne() {
        MessengerMessage read = MessengerMessage.fromDoc(Docs.with(Docs.incoming("A", "1", "x", null), "is_read", 1));
        assertThat(read.isRead()).isTrue();
        assertThat(read.toDoc().get("is_read")).isEqualTo(1);
        assertThat(MessengerMessage.fromDoc(Docs.with(Docs.incoming("A", "1", "x", null), "is_read", true)).isRead())
                .isTrue();
    }

    @Test
    void aCheckFieldThatIsNotZeroOrOneIsAClearError() {
        IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> MessengerMessage.fromDoc(Docs.with(Docs.incoming("A", "1", "x", null), "is_read", "maybe")))
                .actual();
        assertThat(e.getMessage()).contains("is_read");
    }

    @Test
    void anAttachmentWithoutItsFileIsAwaitingIt() {
        Map<String, Object> image = Docs.with(Docs.incoming("A", "1", "", null), "content_type", "image");
        assertThat(MessengerMessage.fromDoc(image).isAwaitingAttachment()).isTrue();
        assertThat(MessengerMessage.fromDoc(Docs.with(image, "attach", "/files/a.jpg")).isAwaitingAttachment())
                .isFalse();
        assertThat(MessengerMessage.fromDoc(Docs.incoming("A", "1", "", null)).isAwaitingAttachment()).isFalse();
    }

    @Test
    void mergingAnUpdateKeepsTheOtherFields() {
        MessengerMessage m = MessengerMessage.fromDoc(Docs.incoming("A", "1", "hello", "2026-11-20 10:00:00"));
        MessengerMessage read = m.mergedWith(Map.of("is_read", 1));
        assertThat(read.isRead()).isTrue();
        assertThat(read.message()).isEqualTo("hello");
        assertThat(read.timestamp()).isEqualTo(m.timestamp());
    }

    @Test
    void previewNamesTheAttachmentKindWhenThereIsNoText() {
        Map<String, Object> image = Docs.with(Docs.incoming("A", "1", "", null), "content_type", "image");
        assertThat(MessengerMessage.fromDoc(image).preview()).isEqualTo("[image]");
        assertThat(MessengerMessage.fromDoc(Docs.incoming("A", "1", "hi", null)).preview()).isEqualTo("hi");
    }
}
