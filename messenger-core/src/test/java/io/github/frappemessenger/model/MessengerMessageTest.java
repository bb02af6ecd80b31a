package io.github.frappemessenger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals("42", m.senderId());
        assertTrue(m.isIncoming());
        assertFalse(m.isRead());
        Map<String, Object> back = m.toDoc();
        assertEquals("CRM-LEAD-1", back.get("custom_lead"));
        assertEquals("2026-11-20 10:00:01.000001", back.get("modified"));
        assertEquals("Messenger Message", back.get("doctype"));
        assertEquals(0, back.get("is_read"));
        assertEquals("2026-11-20 10:00:00.500000", back.get("timestamp"));
    }

    @Test
    void checkFieldsTravelAsZeroOrOne() {
        MessengerMessage read = MessengerMessage.fromDoc(Docs.with(Docs.incoming("A", "1", "x", null), "is_read", 1));
        assertTrue(read.isRead());
        assertEquals(1, read.toDoc().get("is_read"));
        assertTrue(MessengerMessage.fromDoc(Docs.with(Docs.incoming("A", "1", "x", null), "is_read", true)).isRead());
    }

    @Test
    void aCheckFieldThatIsNotZeroOrOneIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessengerMessage.fromDoc(Docs.with(Docs.incoming("A", "1", "x", null), "is_read", "maybe")));
        assertTrue(e.getMessage().contains("is_read"), e.getMessage());
    }

    @Test
    void anAttachmentWithoutItsFileIsAwaitingIt() {
        Map<String, Object> image = Docs.with(Docs.incoming("A", "1", "", null), "content_type", "image");
        assertTrue(MessengerMessage.fromDoc(image).isAwaitingAttachment());
        assertFalse(MessengerMessage.fromDoc(Docs.with(image, "attach", "/files/a.jpg")).isAwaitingAttachment());
        assertFalse(MessengerMessage.fromDoc(Docs.incoming("A", "1", "", null)).isAwaitingAttachment());
    }

    @Test
    void mergingAnUpdateKeepsTheOtherFields() {
        MessengerMessage m = MessengerMessage.fromDoc(Docs.incoming("A", "1", "hello", "2026-11-20 10:00:00"));
        MessengerMessage read = m.mergedWith(Map.of("is_read", 1));
        assertTrue(read.isRead());
        assertEquals("hello", read.message());
        assertEquals(m.timestamp(), read.timestamp());
    }

    @Test
    void previewNamesTheAttachmentKindWhenThereIsNoText() {
        Map<String, Object> image = Docs.with(Docs.incoming("A", "1", "", null), "content_type", "image");
        assertEquals("[image]", MessengerMessage.fromDoc(image).preview());
        assertEquals("hi", MessengerMessage.fromDoc(Docs.incoming("A", "1", "hi", null)).preview());
    }
}
