package io.github.frappemessenger.frappe.setup;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** {@code GET <bridge>/health}: the bridge answers, and each part it depends on is up. */
final class BridgeHealth {
    private BridgeHealth() {
    }

    static Check of(OkHttpClient http, String bridgeUrl) {
        String name = "bridge health";
        HttpUrl url = HttpUrl.parse(bridgeUrl + "/health");
        if (url == null) {
            return Check.failed(name, "not an http URL: " + bridgeUrl);
        }
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            if (response.code() == 200) {
                return Check.ready(name, url + " answered 200 " + shown);
            }
            return Check.notReady(name, url + " answered " + response.code() + " " + shown);
        } catch (IOException e) {
            return Check.notReady(name, "no answer from " + url + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "): is the bridge running, and is --bridge-url its address?");
        }
    }
}
