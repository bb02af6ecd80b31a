package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LruMapTest {

    @Test
    void keepsTheMostRecentlyUsedEntries() {
        LruMap<String, Integer> map = new LruMap<>(2);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a");
        map.put("c", 3);
        assertThat(map.keySet()).isEqualTo(Set.of("a", "c"));
    }
}
