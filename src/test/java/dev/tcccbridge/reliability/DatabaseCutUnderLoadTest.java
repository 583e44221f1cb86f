package dev.tcccbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.PushLoad;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The database's connections cut mid-transaction under load, then refused for a while, then
 * back: every push is answered ErrCode 0 or 503 in the vendor format (never 500), and every
 * acknowledged push is delivered once. Fast enough for every build (about 30 s).
 */
class DatabaseCutUnderLoadTest extends FaultsUnderLoad {

    @Test
    void databaseConnectionsCutMidTransactionAndRefusedForAWhile() throws Exception {
        PushLoad load = PushLoad.start("http://localhost:" + port, "db-cut", SENDERS, PAUSE);
        try (load) {
            Thread.sleep(2_000);
            database.cutAll();
            Thread.sleep(2_000);
            database.cutAndRefuseFor(Duration.ofSeconds(3));
            Thread.sleep(5_000);
            database.cutAll();
            Thread.sleep(3_000);
        }
        assertOutcome("database: connections cut mid-transaction, refused for 3 s", load,
                () -> database.cutCount() + " connections cut, " + database.refusedCount() + " refused");
        assertThat(load.answers503()).as("the outage was seen by the senders").isPositive();
    }
}
