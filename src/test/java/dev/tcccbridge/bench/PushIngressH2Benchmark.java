package dev.tcccbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded default: an H2 file database with the settings application.yaml ships. */
class PushIngressH2Benchmark extends PushIngressBenchmark {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("bench-h2");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("bridge")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
    }

    @Override
    String database() {
        return "H2 file (embedded default, WRITE_DELAY=0)";
    }
}
