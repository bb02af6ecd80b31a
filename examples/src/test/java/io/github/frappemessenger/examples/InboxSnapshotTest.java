package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.serve.Serve;
import io.github.frappemessenger.serve.ServeOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The web inbox in headless Chromium: an API read answered after live events were applied does not undo them (its
 * first read of the conversations is held while a message arrives; node/tests/inbox-snapshot.mjs).
 */
class InboxSnapshotTest {

    @Test
    void aReadAnsweredAfterLiveEventsDoesNotUndoThem() throws Exception {
        assertThat(Path.of("/usr/bin/chromium"))
                .as("Debian's chromium is needed at /usr/bin/chromium")
                .isExecutable();
        try (Serve serve = Serve.start(ServeOptions.parse(new String[] {"--port", "0"}), "agent@example.com=demo:demo");
             NodeScript node = NodeScript.start("inbox-snapshot.mjs", "http://127.0.0.1:" + serve.port(),
                     "demo:demo")) {
            int code = node.finish(Duration.ofSeconds(90));
            assertThat(code).as(node.transcript()).isEqualTo(0);
            assertThat(node.transcript().lines()).as(node.transcript()).contains("PASS");
        }
    }
}
