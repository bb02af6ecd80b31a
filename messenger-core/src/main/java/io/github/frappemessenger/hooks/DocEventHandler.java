package io.github.frappemessenger.hooks;

import java.util.Map;

/** One handler of a doc event, as a dotted path in hooks.py would be. It may return a changed doc. */
@FunctionalInterface
public interface DocEventHandler {

    /** @return the doc as it stands after this handler (the same map when unchanged) */
    Map<String, Object> handle(Map<String, Object> doc);
}
