package dev.tcccbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md is the reference of every {@code bridge.*} key: the keys the code binds (the
 * metadata spring-boot-configuration-processor writes for the {@code @ConfigurationProperties}, and any
 * key a {@code @Value} or a route reads) are all in its tables, and it names no key the code does not
 * have. Secrets are named one way only: by the environment variable Spring binds to their key.
 */
class ConfigurationReferenceTest {

    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    static final Path REFERENCE = Path.of("docs/CONFIGURATION.md");

    /** {@code ${bridge.x}} in Java, {@code {{bridge.x}}} in routes. */
    static final Pattern PLACEHOLDER = Pattern.compile("(?:\\$\\{|\\{\\{)(bridge\\.[a-z0-9.-]+)");
    static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    static final Pattern ENVIRONMENT_NAME = Pattern.compile("\\bBRIDGE_[A-Z0-9_]+[A-Z0-9]\\b");

    @Test
    void everyKeyTheCodeBindsIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
        Set<String> inCode = new TreeSet<>(metadataKeys());
        inCode.addAll(placeholderKeys());
        Set<String> documented = documentedKeys(Files.readString(REFERENCE, StandardCharsets.UTF_8));

        assertThat(inCode).as("the metadata holds the bridge's keys").contains("bridge.delivery.retry-window",
                "bridge.tccc.push.auth.mode", "bridge.admin.password");
        assertThat(missing(inCode, documented)).as("keys the code binds that docs/CONFIGURATION.md does not list")
                .isEmpty();
        assertThat(missing(documented, inCode)).as("keys docs/CONFIGURATION.md lists that the code does not bind")
                .isEmpty();
    }

    @Test
    void theReferenceIsReadAsItIsWritten() {
        String table = """
                | key | default | meaning |
                |---|---|---|
                | `bridge.mail.host` / `.port` | | |
                | `bridge.tccc.push.auth.oauth2.clients[n].client-id` / `.client-secret` | | |
                | `bridge.admin.username` (see `bridge.mail.from`) | | mentions `bridge.desk.token` in the meaning |
                """;
        assertThat(documentedKeys(table)).containsExactlyInAnyOrder("bridge.mail.host", "bridge.mail.port",
                "bridge.tccc.push.auth.oauth2.clients", "bridge.admin.username", "bridge.mail.from");
        assertThat(missing(Set.of("bridge.a.b", "bridge.a.c"), Set.of("bridge.a.b"))).containsExactly("bridge.a.c");
    }

    @Test
    void secretsAreNamedByTheEnvironmentVariableOfTheirKeyOnly() throws IOException {
        String yaml = Files.readString(Path.of("application.yaml"), StandardCharsets.UTF_8);
        assertThat(Pattern.compile("\\$\\{[A-Z_]+}").matcher(yaml).results().map(java.util.regex.MatchResult::group))
                .as("application.yaml names no variable of its own for a setting: the key's environment variable is its name")
                .isEmpty();
        Set<String> variables = new TreeSet<>();
        for (Path file : new Path[] {Path.of("application.yaml"), REFERENCE, Path.of("docs/SECURITY.md"),
                Path.of("docs/AGENT.md"), Path.of("docs/OPERATIONS.md")}) {
            ENVIRONMENT_NAME.matcher(Files.readString(file, StandardCharsets.UTF_8)).results()
                    .map(java.util.regex.MatchResult::group).forEach(variables::add);
        }
        Set<String> bound = new TreeSet<>();
        metadataKeys().forEach(key -> bound.add(environmentName(key)));
        // the docs abbreviate siblings: BRIDGE_TCCC_API_SECRETID / ..._SECRETKEY; lists take an index
        assertThat(variables.stream().filter(name -> !name.endsWith("_")
                        && bound.stream().noneMatch(key -> name.equals(key) || name.startsWith(key + "_"))))
                .as("environment variables named in application.yaml and docs/ that bind no key").isEmpty();
    }

    /** {@code bridge.tccc.api.secret-id} → {@code BRIDGE_TCCC_API_SECRETID}, as Spring's relaxed binding reads it. */
    static String environmentName(String key) {
        return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    static Set<String> missing(Set<String> these, Set<String> from) {
        Set<String> missing = new TreeSet<>(these);
        missing.removeAll(from);
        return missing;
    }

    static Set<String> metadataKeys() throws IOException {
        assertThat(METADATA).as("written by spring-boot-configuration-processor at compile time").exists();
        JsonNode metadata = new ObjectMapper().readTree(METADATA.toFile());
        Set<String> keys = new TreeSet<>();
        metadata.path("properties").forEach(property -> {
            String name = property.path("name").asText();
            if (name.startsWith("bridge.")) {
                keys.add(name);
            }
        });
        return keys;
    }

    static Set<String> placeholderKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path root : new Path[] {Path.of("src/main/java"), Path.of("routes")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    PLACEHOLDER.matcher(Files.readString(file, StandardCharsets.UTF_8)).results()
                            .map(match -> match.group(1)).forEach(keys::add);
                }
            }
        }
        return keys;
    }

    /**
     * The keys in the first cell of the reference's table rows: {@code `bridge.a.b`}, a sibling written
     * {@code `.c`} after it, a list's {@code [n]} part standing for the list key itself.
     */
    static Set<String> documentedKeys(String markdown) {
        Set<String> keys = new TreeSet<>();
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            String current = null;
            Matcher tick = BACKTICKED.matcher(first);
            while (tick.find()) {
                String token = tick.group(1).trim();
                String key;
                if (token.startsWith("bridge.")) {
                    key = token;
                } else if (token.startsWith(".") && current != null) {
                    key = current.substring(0, current.lastIndexOf('.')) + token;
                } else {
                    continue;
                }
                current = key;
                int index = key.indexOf('[');
                keys.add(index < 0 ? key : key.substring(0, index));
            }
        }
        return keys;
    }
}
