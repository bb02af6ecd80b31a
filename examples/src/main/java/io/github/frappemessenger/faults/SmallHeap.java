package io.github.frappemessenger.faults;

import io.github.frappemessenger.testing.FrappeStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * The bridge on a small heap ({@code -Xmx64m}) while signed messages of about 1 MiB (just under the body limit)
 * arrive from several senders at once — each one's after_insert, on_update and the on_update of our link write all
 * carry the whole doc, and its events carry the text — then small messages: does every part survive (workers, the
 * Redis sender), does {@code /health} tell the truth, is anything published after the burst?
 */
final class SmallHeap implements Scenario {
    /** About 1 MiB of text: the webhook body (doc fields and JSON around it) stays under the 1 MiB limit. */
    private static final int TEXT_CHARS = 1_000_000;
    private final FaultsOptions o;

    SmallHeap(FaultsOptions o) {
        this.o = o;
    }

    @Override
    public String name() {
        return "small-heap";
    }

    @Override
    public String fault() {
        return String.format("bridge with -Xmx%s: %d signed messages of ~1 MiB from %d senders at once, then %d small"
                + " ones", heap(), large(), senders(), small());
    }

    @Override
    public String heap() {
        return "64m";
    }

    private int large() {
        return o.size(40, 16);
    }

    private int senders() {
        return o.size(8, 4);
    }

    private int small() {
        return o.size(40, 16);
    }

    @Override
    public Figures run(Rig rig) throws Exception {
        Tally tally = Tally.begin(rig, name(), fault());
        String text = "x".repeat(TEXT_CHARS);
        Senders.run(senders(), s -> {
            for (int k = s; k < large(); k += senders()) {
                Map<String, Object> doc = Rig.incoming("HEAP-" + rig.id + "-" + k, "psid-" + rig.id + "-" + s);
                doc.put("message", text);
                tally.expect(rig.frappe.insert(FrappeStandIn.MESSAGE, doc));
            }
        });
        rig.settle();
        for (int i = 0; i < small(); i++) {
            tally.expect(rig.newMessage("HEAP-SMALL", "psid-" + rig.id + "-small-" + (i % senders())));
            Thread.sleep(50);
        }
        rig.settle();
        BridgeProcess bridge = rig.bridge(0);
        tally.note("bridge_alive", bridge.alive());
        tally.note("health", health(bridge));
        tally.note("out_of_memory_lines", Files.readAllLines(bridge.log()).stream()
                .filter(line -> line.contains("OutOfMemoryError")).count());
        return tally.figures();
    }

    /** {@code /health}'s status and overall answer, e.g. {@code 200 ok}. */
    private static String health(BridgeProcess bridge) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bridge.port() + "/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String body = answer.body();
            return answer.statusCode() + " " + body.substring(0, Math.min(body.length(), 300));
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
