package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.internal.EventJson;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The emitter's byte writer gives exactly the bytes of Jackson's text, whatever the doc holds. */
class RedisEventBytesTest {
    private static final String SITE = "crm.example.test";
    private final EventJson jackson = new EventJson();
    private final RedisEventBytes bytes = new RedisEventBytes(jackson, SITE);

    private void sameAsJackson(RealtimeEvent e) {
        assertThat(bytes.toRedisJson(e)).as(() -> jackson.toRedisJson(e, SITE))
                .isEqualTo(jackson.toRedisJson(e, SITE).getBytes(StandardCharsets.UTF_8));
    }

    private static MessengerMessage message(String text, Map<String, Object> extra) {
        return new MessengerMessage("MSG-1", "m1", text, "psid-42", null, LocalDateTime.of(2026, 11, 20, 10, 0, 0, 5_000),
                "Incoming", "CONV-1", false, "text", null, "received", "Messenger", extra);
    }

    @Test
    void everyEventTheLifecycleSendsIsWrittenAsJacksonWritesIt() {
        MessengerConversation c = new MessengerConversation("CONV-1", "psid-42", "Messenger", "hi \"you\"",
                LocalDateTime.of(2026, 11, 20, 10, 0), true, "Open", Map.of());
        sameAsJackson(RealtimeEvent.toAll(new ConversationUpdate(c)));
        sameAsJackson(RealtimeEvent.toAll(new ConversationUpdate(c).withVersion(7)));
        sameAsJackson(RealtimeEvent.toAll(new MessageUpdate(message("hello", Map.of()), "CONV-1")));
        sameAsJackson(new RealtimeEvent(new UnreadUpdate("CONV-1", 3), Room.user("agent@example.com")));
        sameAsJackson(new RealtimeEvent(new UnreadUpdate("CONV-1", 3), Room.doc("Messenger Conversation", "CONV-\"1")));
    }

    @Test
    void escapesNonAsciiAndOddValuesAsJacksonDoes() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("controls", "a\u0000b\u0001\b\t\n\u000b\f\r\u001f\u007f \"q\" back\\slash /");
        extra.put("unicode", "é ü ß ✓ 中文 😀 \u2028");
        extra.put("lone_surrogate", "x\ud83dy");
        extra.put("nothing", null);
        extra.put("yes", Boolean.TRUE);
        extra.put("ints", List.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, (short) 3, (byte) -4));
        extra.put("decimals", Arrays.asList(1.5, 1e20, Double.NaN, Float.valueOf(2.25f), new BigDecimal("1.10"),
                new BigInteger("123456789012345678901234567890")));
        extra.put("nested", Map.of("list", List.of(Map.of("k", "v"), List.of()), "empty", Map.of()));
        extra.put("integer_keys", Map.of(1, "one"));
        extra.put("array", new int[] {1, 2});
        extra.put("\"quoted key\"\n", "v");
        sameAsJackson(RealtimeEvent.toAll(new MessageUpdate(message("ünïcode \u0007", extra), "CONV-1")));
    }

    @Test
    void aValueJacksonCannotWriteFailsTheSameWay() {
        RealtimeEvent e = RealtimeEvent.toAll(new MessageUpdate(
                message("x", Map.of("date_object", LocalDateTime.of(2026, 1, 2, 3, 4))), "CONV-1"));
        assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> jackson.toRedisJson(e, SITE));
        assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> bytes.toRedisJson(e));
    }

    @Test
    void randomTextsMatchByteForByte() {
        Random random = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                text.append((char) switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x800);
                    case 2 -> random.nextInt(0x10000); // lone and paired surrogates alike
                    default -> "\"\\\n\u0000".charAt(random.nextInt(4));
                });
            }
            List<Object> list = new ArrayList<>();
            list.add(text.toString());
            sameAsJackson(RealtimeEvent.toAll(new MessageUpdate(message(text.toString(), Map.of("l", list)), "C")));
        }
    }
}
