package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginsTest {

    final AllowedOrigins origins = new AllowedOrigins(List.of("https://*.lightning.force.com",
            "http://127.0.0.1:5555"));

    @Test
    void anySubdomainOfAWildcardAtTheDefaultPort() {
        assertThat(origins.allowed("https://acme.lightning.force.com")).hasValue("https://acme.lightning.force.com");
        assertThat(origins.allowed("https://Acme--UAT.sandbox.lightning.force.com/"))
                .hasValue("https://acme--uat.sandbox.lightning.force.com");
        assertThat(origins.allowed("http://127.0.0.1:5555")).hasValue("http://127.0.0.1:5555");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://lightning.force.com", "https://evil.example", "http://acme.lightning.force.com",
            "https://acme.lightning.force.com:8443", "https://acme.lightning.force.com.evil.example",
            "https://evil.example/x.lightning.force.com", "https://user@acme.lightning.force.com",
            "https://acme.lightning.force.com/path", "https://acme.lightning.force.com?q=1", "javascript:alert(1)",
            "http://127.0.0.1:5556", "", "//acme.lightning.force.com"})
    void nothingElse(String origin) {
        assertThat(origins.allowed(origin)).isEmpty();
    }

    @Test
    void theSameListMayFrameThePage() {
        assertThat(origins.frameAncestors()).isEqualTo("'self' https://*.lightning.force.com http://127.0.0.1:5555");
    }
}
