package io.github.frappemessenger.testing;

import static io.github.frappemessenger.testing.FrappeStandIn.CONVERSATION;
import static io.github.frappemessenger.testing.FrappeStandIn.MESSAGE;
import static io.github.frappemessenger.testing.FrappeStandIn.SETTINGS;
import static io.github.frappemessenger.testing.Http.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.frappemessenger.Subscription;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in answers a plain HTTP client as Frappe answers: envelopes, error bodies, statuses, doc events. */
class FrappeStandInTest {
    private static final String MESSAGES = "api/resource/Messenger%20Message";
    private final FrappeStandIn site = new FrappeStandIn().start();
    private final Http http = new Http(site.url());
    private final List<String> fired = new ArrayList<>();

    FrappeStandInTest() {
        site.onDocEvent((event, doc) -> {
            synchronized (fired) {
                fired.add(event + " " + doc.get("doctype") + " " + doc.get("name") + " " + doc.get("modified"));
            }
        });
    }

    @AfterEach
    void close() {
        site.close();
    }

    @Test
    void aClosedDocEventSubscriptionHearsNothingMore() {
        List<String> heard = new ArrayList<>();
        Subscription subscription = site.onDocEvent((event, doc) -> {
            synchronized (heard) {
                heard.add(event + " " + doc.get("name"));
            }
        });
        site.insert(MESSAGE, MessengerDocs.message("M-1").build());
        subscription.close();
        subscription.close();
        site.insert(MESSAGE, MessengerDocs.message("M-2").build());

        synchronized (heard) {
            assertThat(heard).containsExactly("after_insert M-1", "on_update M-1");
        }
        synchronized (fired) {
            assertThat(fired).hasSize(4); // the listener still open heard both inserts
        }
    }

    @Test
    void resourcesAnswerInDataAndMethodsInMessage() throws Exception {
        Http.Reply inserted = http.post(MESSAGES, MessengerDocs.message("M-1").build());
        Http.Reply pong = http.get("api/method/ping");

        assertThat(inserted.status()).isEqualTo(200);
        assertThat(inserted.json()).containsOnlyKeys("data");
        assertThat(data(inserted)).containsEntry("name", "M-1").containsEntry("doctype", MESSAGE)
                .containsKeys("creation", "modified", "owner", "modified_by", "docstatus", "idx");
        assertThat(pong.json()).isEqualTo(Map.of("message", "pong"));
    }

    @Test
    void anInsertFiresAfterInsertThenOnUpdateAndEverySaveMovesModified() throws Exception {
        Map<String, Object> saved = site.insert(MESSAGE, MessengerDocs.message("M-1").build());
        Map<String, Object> linked = data(http.put(MESSAGES + "/M-1", Map.of("conversation", "CONV-1")));
        Map<String, Object> again = data(http.put(MESSAGES + "/M-1", Map.of()));

        assertThat(linked).containsEntry("conversation", "CONV-1");
        assertThat(List.of(saved.get("modified"), linked.get("modified"), again.get("modified")))
                .doesNotHaveDuplicates().isSorted();
        assertThat(fired).containsExactly("after_insert " + MESSAGE + " M-1 " + saved.get("modified"),
                "on_update " + MESSAGE + " M-1 " + saved.get("modified"),
                "on_update " + MESSAGE + " M-1 " + linked.get("modified"),
                "on_update " + MESSAGE + " M-1 " + again.get("modified"));
    }

    @Test
    void aMissingDocIsA404DoesNotExistErrorWithFrappesErrorBody() throws Exception {
        Http.Reply missing = http.get(MESSAGES + "/nope");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).containsEntry("exc_type", "DoesNotExistError")
                .containsEntry("exception", "frappe.exceptions.DoesNotExistError: Messenger Message nope not found")
                .containsKeys("exc", "_server_messages");
        assertThat((String) missing.json().get("_server_messages")).startsWith("[\"{\\\"message\\\": ")
                .contains("not found");
    }

    @Test
    void aSaveWithAStaleModifiedIsA417TimestampMismatchError() throws Exception {
        Map<String, Object> first = site.insert(MESSAGE, MessengerDocs.message("M-1").build());
        site.update(MESSAGE, "M-1", Map.of("is_read", 1));

        Http.Reply stale = http.put(MESSAGES + "/M-1", Map.of("is_read", 0, "modified", first.get("modified")));

        assertThat(stale.status()).isEqualTo(417);
        assertThat(stale.json()).containsEntry("exc_type", "TimestampMismatchError");
        assertThat(site.doc(MESSAGE, "M-1").orElseThrow()).containsEntry("is_read", 1);
    }

    @Test
    void aDeniedDoctypeIsA403PermissionErrorAndAWrongTokenA401() throws Exception {
        site.deny(CONVERSATION);
        Http.Reply denied = http.get("api/resource/Messenger%20Conversation");
        site.requireToken("key", "secret");
        Http.Reply noToken = http.get("api/method/ping");
        Http.Reply withToken = http.send(HttpRequest.newBuilder(site.url().resolve("api/method/ping"))
                .header("Authorization", "token key:secret"));

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json()).containsEntry("exc_type", "PermissionError");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json()).containsEntry("exc_type", "AuthenticationError");
        assertThat(withToken.status()).isEqualTo(200);
    }

    @Test
    void listsFilterOrderAndPageAndCountAsFrappeDoes() throws Exception {
        for (int i = 1; i <= 5; i++) {
            site.insert(MESSAGE, MessengerDocs.message("M-" + i).from(i % 2 == 0 ? "even" : "odd").build());
        }
        Http.Reply page = http.get(MESSAGES + "?fields=" + q(List.of("name", "sender_id"))
                + "&filters=" + q(List.of(List.of("sender_id", "=", "odd"))) + "&order_by=" + q("modified desc")
                + "&limit_start=1&limit_page_length=1");
        Http.Reply count = http.get("api/method/frappe.client.get_count?doctype=" + q(MESSAGE)
                + "&filters=" + q(Map.of("sender_id", "even")));
        Http.Reply defaults = http.get(MESSAGES);

        assertThat(page.json()).isEqualTo(Map.of("data", List.of(Map.of("name", "M-3", "sender_id", "odd"))));
        assertThat(count.json()).isEqualTo(Map.of("message", 2));
        assertThat(defaults.json()).isEqualTo(Map.of("data", List.of(Map.of("name", "M-5"), Map.of("name", "M-4"),
                Map.of("name", "M-3"), Map.of("name", "M-2"), Map.of("name", "M-1"))));
    }

    @Test
    void bulkUpdateSavesEachDocAndListsTheOnesThatFailed() throws Exception {
        site.insert(MESSAGE, MessengerDocs.message("M-1").build());
        Http.Reply reply = http.post("api/method/frappe.client.bulk_update", Map.of("docs", Http.json(List.of(
                Map.of("doctype", MESSAGE, "docname", "M-1", "conversation", "CONV-1"),
                Map.of("doctype", MESSAGE, "docname", "gone", "conversation", "CONV-1")))));

        assertThat(site.doc(MESSAGE, "M-1").orElseThrow()).containsEntry("conversation", "CONV-1");
        assertThat(reply.json()).containsOnlyKeys("message");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failed = (List<Map<String, Object>>) ((Map<String, Object>) reply.json()
                .get("message")).get("failed_docs");
        assertThat(failed).singleElement().satisfies(f -> assertThat(f.get("exc").toString())
                .startsWith("Traceback (most recent call last):")
                .endsWith("frappe.exceptions.DoesNotExistError: Messenger Message gone not found\n"));
        assertThat(fired).filteredOn(f -> f.startsWith("on_update")).hasSize(2);
        assertThat(http.get("api/method/frappe.client.bulk_update?docs=" + q(List.of())).status())
                .as("whitelisted for POST and PUT only").isEqualTo(403);
    }

    @Test
    void messengerSettingsIsASingleThatIsEnabledUntilSavedOtherwise() throws Exception {
        String path = "api/resource/Messenger%20Settings/Messenger%20Settings";
        assertThat(data(http.get(path))).containsEntry("enabled", 1).containsEntry("name", SETTINGS);
        http.put(path, Map.of("enabled", 0));
        assertThat(data(http.get(path))).containsEntry("enabled", 0);
    }

    @Test
    void aDocNameWithASlashArrivesWholeAndAnUnroutablePathIsMisdirected() throws Exception {
        site.insert(MESSAGE, MessengerDocs.message("a/b").build());
        Http.Reply slash = http.get(MESSAGES + "/a%2Fb");
        Http.Reply dots = http.put("api/resource/", Map.of("conversation", "C"));

        assertThat(data(slash)).containsEntry("name", "a/b");
        assertThat(dots.status()).isEqualTo(404);
        assertThat(site.misdirected()).containsExactly("PUT /api/resource/");
    }

    @Test
    void aHungSiteAnswersNothingUntilTheHangEnds() throws Exception {
        site.hangFor(Duration.ofMinutes(1));
        HttpRequest ping = HttpRequest.newBuilder(site.url().resolve("api/method/ping"))
                .timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> http.client().send(ping, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        site.hangFor(Duration.ZERO);
        assertThat(http.get("api/method/ping").status()).isEqualTo(200);
    }

    @Test
    void anInterceptorMayAnswerChangeOrPassEachRequestAndFailWhenFailsUntilHealed() throws Exception {
        site.addInterceptor((request, chain) -> request.path().get(request.path().size() - 1).equals("whoami")
                ? StandInAnswer.message("Administrator")
                : chain.proceed(request.method().equals("POST") ? request.withBody("{\"name\": \"RENAMED\"}") : request));
        site.failWhen(r -> r.method().equals("GET") && r.path().contains("M-1"), 503);

        assertThat(http.get("api/method/whoami").json()).isEqualTo(Map.of("message", "Administrator"));
        assertThat(data(http.post(MESSAGES, Map.of("name", "M-1")))).containsEntry("name", "RENAMED");
        assertThat(http.get(MESSAGES + "/M-1").status()).isEqualTo(503);
        site.heal();
        assertThat(http.get(MESSAGES + "/RENAMED").status()).isEqualTo(200);
        assertThat(site.requests()).extracting(StandInRequest::toString).containsExactly("GET /api/method/whoami",
                "POST /api/resource/Messenger Message", "GET /api/resource/Messenger Message/M-1",
                "GET /api/resource/Messenger Message/RENAMED");
    }

    @Test
    void seedStoresAsGivenAndSaveStampsFromTheGivenStartAndFiresAsFrappeDoes() {
        site.stampsFrom(java.time.LocalDateTime.of(2024, 1, 1, 0, 0));
        site.seed(CONVERSATION, Map.of("name", "CONV-OLD", "sender_id", "p"));
        Map<String, Object> first = site.save(MESSAGE, MessengerDocs.message("M-1").build());
        Map<String, Object> second = site.save(MESSAGE, Map.of("name", "M-1", "is_read", 1));

        assertThat(site.doc(CONVERSATION, "CONV-OLD").orElseThrow()).isEqualTo(Map.of("name", "CONV-OLD",
                "sender_id", "p"));
        assertThat(first).containsEntry("modified", "2024-01-01 00:00:00");
        assertThat(second).containsEntry("modified", "2024-01-01 00:00:00.000001").containsEntry("is_read", 1);
        assertThat(fired).extracting(f -> f.split(" ")[0]).containsExactly("after_insert", "on_update", "on_update");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Http.Reply reply) {
        assertThat(reply.status()).as("status of %s", reply.json()).isEqualTo(200);
        return (Map<String, Object>) reply.json().get("data");
    }
}
