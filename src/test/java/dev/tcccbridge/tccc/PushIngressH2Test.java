package dev.tcccbridge.tccc;

import dev.tcccbridge.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The push contract on H2, the embedded default. */
class PushIngressH2Test extends PushIngressContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
