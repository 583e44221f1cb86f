package dev.tcccbridge.reconcile;

import dev.tcccbridge.tcccapi.TcccApiProperties;
import dev.tcccbridge.testing.Settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.tccc.TcccProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

/** bridge.reconcile.* and bridge.tccc.api.* are checked when the bridge starts, naming the key. */
class ReconcilePropertiesTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ReconcileProperties reconcile = bind("bridge.reconcile", ReconcileProperties.class, Map.of());
        TcccApiProperties api = bind("bridge.tccc.api", TcccApiProperties.class, Map.of());

        assertThat(reconcile.enabled()).isFalse();
        assertThat(reconcile.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(reconcile.lookback()).isEqualTo(Duration.ofHours(2));
        assertThat(reconcile.pageSize()).isEqualTo(100);
        assertThat(api.endpoint()).isEqualTo("ccc.tencentcloudapi.com");
    }

    @Test
    void aLookbackOf90DaysOrMoreIsRefused() {
        assertThatThrownBy(() -> bind("bridge.reconcile", ReconcileProperties.class,
                Map.of("bridge.reconcile.lookback", "90d")))
                .isInstanceOf(BindException.class).hasStackTraceContaining("shorter than 90 days");
        assertThatThrownBy(() -> bind("bridge.reconcile", ReconcileProperties.class,
                Map.of("bridge.reconcile.lookback", "10m", "bridge.reconcile.interval", "15m")))
                .hasStackTraceContaining("lookback must be longer than interval");
        assertThatThrownBy(() -> bind("bridge.reconcile", ReconcileProperties.class,
                Map.of("bridge.reconcile.page-size", "101")))
                .hasStackTraceContaining("pageSize");
        assertThat(bind("bridge.reconcile", ReconcileProperties.class, Map.of("bridge.reconcile.lookback", "89d"))
                .lookback()).isEqualTo(Duration.ofDays(89));
    }

    @Test
    void enabledWithoutCredentialsOrSdkAppIdFailsNamingTheKey() {
        ReconcileProperties enabled = bind("bridge.reconcile", ReconcileProperties.class,
                Map.of("bridge.reconcile.enabled", "true"));
        TcccProperties tccc = bind("bridge.tccc", TcccProperties.class, Map.of("bridge.tccc.sdk-app-id", "1400000000"));
        TcccProperties noSdkAppId = bind("bridge.tccc", TcccProperties.class, Map.of());
        TcccApiProperties keys = api(Map.of("bridge.tccc.api.secret-id", "AKIDx", "bridge.tccc.api.secret-key", "k"));

        assertThatThrownBy(() -> ReconcileConfiguration.check(enabled,
                api(Map.of("bridge.tccc.api.secret-key", "k")), tccc))
                .hasMessageContaining("bridge.tccc.api.secret-id");
        assertThatThrownBy(() -> ReconcileConfiguration.check(enabled,
                api(Map.of("bridge.tccc.api.secret-id", "AKIDx")), tccc))
                .hasMessageContaining("bridge.tccc.api.secret-key");
        assertThatThrownBy(() -> ReconcileConfiguration.check(enabled, keys, noSdkAppId))
                .hasMessageContaining("bridge.tccc.sdk-app-id");
        assertThatCode(() -> ReconcileConfiguration.check(enabled, keys, tccc)).doesNotThrowAnyException();
        assertThatCode(() -> ReconcileConfiguration.check(
                bind("bridge.reconcile", ReconcileProperties.class, Map.of()), api(Map.of()), noSdkAppId))
                .as("disabled needs nothing").doesNotThrowAnyException();
    }

    @Test
    void theSecretKeyIsNeverPrinted() {
        assertThat(api(Map.of("bridge.tccc.api.secret-id", "AKIDx", "bridge.tccc.api.secret-key", "very-secret"))
                .toString()).doesNotContain("very-secret").contains("AKIDx");
    }

    private static TcccApiProperties api(Map<String, String> values) {
        return bind("bridge.tccc.api", TcccApiProperties.class, values);
    }

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return Settings.bind(prefix, type, values);
    }
}
