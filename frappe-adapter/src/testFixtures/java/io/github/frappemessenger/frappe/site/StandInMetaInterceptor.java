package io.github.frappemessenger.frappe.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.testing.Interceptor;
import io.github.frappemessenger.testing.StandInAnswer;
import io.github.frappemessenger.testing.StandInRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@link FrappeStandIn} adds to the kit's site, as one interceptor: {@code frappe.auth.get_logged_user}, the
 * meta's refusals (unknown DocType, missing right), the meta's insert (naming, defaults, checks) with this module's
 * names, a Single's defaults on GET and its first save, a hang and delays per request. Thread-safe.
 */
final class StandInMetaInterceptor implements Interceptor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FrappeStandIn site;
    private final StandInMeta meta;
    volatile Duration insertDelay = Duration.ZERO;
    volatile Duration updateDelay = Duration.ZERO;
    volatile Duration hang = Duration.ZERO;
    volatile Runnable beforeNextInsert;

    StandInMetaInterceptor(FrappeStandIn site, StandInMeta meta) {
        this.site = site;
        this.meta = meta;
    }

    @Override
    public StandInAnswer intercept(StandInRequest request, Chain chain) {
        pause(hang);
        List<String> path = request.path();
        if (path.size() == 3 && path.get(1).equals("method") && path.get(2).equals("frappe.auth.get_logged_user")) {
            return StandInAnswer.message(meta.user());
        }
        if (path.size() < 3 || !path.get(1).equals("resource")) {
            return chain.proceed(request);
        }
        String doctype = path.get(2);
        String name = path.size() > 3 ? path.get(3) : null;
        try {
            meta.allow(request.method(), doctype, name);
            return switch (request.method()) {
                case "POST" -> name == null ? chain.proceed(insert(request, doctype)) : chain.proceed(request);
                case "GET" -> name == null ? chain.proceed(request) : get(request, chain, doctype, name);
                case "PUT" -> {
                    pause(updateDelay);
                    if (site.doc(doctype, name) == null && doctype.equals(name) && meta.single(doctype) != null) {
                        site.seed(doctype, meta.single(doctype)); // the first save of a Single
                    }
                    yield chain.proceed(request);
                }
                default -> chain.proceed(request);
            };
        } catch (StandInMeta.Refusal r) {
            return FrappeStandIn.refused(r);
        }
    }

    /** The doc as the meta would insert it, named as this module's tests expect. */
    private StandInRequest insert(StandInRequest request, String doctype) {
        pause(insertDelay); // before the store's lock, so that concurrent inserts overlap as on a real site
        Runnable hook = beforeNextInsert;
        beforeNextInsert = null;
        if (hook != null) {
            hook.run();
        }
        Map<String, Object> doc = request.doc();
        doc.put("doctype", doctype);
        String given;
        synchronized (site) {
            given = meta.prepareInsert(doctype, doc);
        }
        doc.put("name", given != null ? given : site.nextName(doctype));
        if (doctype.equals("Webhook")) {
            meta.webhooks.keepSecret((String) doc.get("name"), doc);
        }
        try {
            return request.withBody(JSON.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Single that was never saved answers with its DocType's defaults, as Frappe does. */
    private StandInAnswer get(StandInRequest request, Chain chain, String doctype, String name) {
        if (!doctype.equals(name) || meta.single(doctype) == null) {
            return chain.proceed(request);
        }
        Map<String, Object> merged = meta.withDefaults(doctype, name, site.doc(doctype, name));
        return StandInAnswer.data(merged);
    }

    private static void pause(Duration d) {
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
