package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrappeClientConcurrencyTest {

    private final MockFrappe frappe = new MockFrappe();

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void oneClientServesManyThreadsEachGettingItsOwnAnswer() throws Exception {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        frappe.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // Every third document fails once, so retries run concurrently too.
                String name = request.getUrl().pathSegments().get(3);
                if (name.hashCode() % 3 == 0 && failedOnce.add(name)) {
                    return new MockResponse.Builder().code(503).body("{}").build();
                }
                return new MockResponse.Builder().code(200).body("{\"data\": {\"name\": \"" + name + "\"}}").build();
            }
        });
        FrappeClient client = frappe.client();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                String name = "MSG-" + i;
                Callable<String> fetch = () -> (String) client.getDoc("Messenger Message", name).orElseThrow().get("name");
                answers.add(pool.submit(fetch));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("MSG-" + i);
            }
            assertThat(frappe.requestCount()).isEqualTo(answers.size() + failedOnce.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
