package io.github.frappemessenger.jdbc;

import io.github.frappemessenger.lifecycle.MessengerLifecycleTest;
import io.github.frappemessenger.fixtures.StoreKit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core's lifecycle tests, unchanged, on every store: in memory, PostgreSQL, MariaDB and the SQLite file default.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("stores")
class LifecycleOnEveryStoreTest extends MessengerLifecycleTest {

    private static final SharedStores SHARED = new SharedStores();

    @Parameter
    String store;

    @AfterAll
    static void dropTables() {
        SHARED.dropAll();
    }

    static Stream<String> stores() {
        return Stream.of("IN_MEMORY", "POSTGRESQL", "MARIADB", "SQLITE");
    }

    @Override
    protected StoreKit newStores() {
        return store.equals("IN_MEMORY") ? StoreKit.inMemory() : SHARED.emptyStore(TestDatabase.valueOf(store));
    }
}
