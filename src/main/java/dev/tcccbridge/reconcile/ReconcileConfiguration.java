package dev.tcccbridge.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.http.JsonAnswers;
import dev.tcccbridge.inbox.DeliveryWorker;
import dev.tcccbridge.inbox.InboxHorizon;
import dev.tcccbridge.schedule.SchedulerLock;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.TcccProperties;
import dev.tcccbridge.tcccapi.TcccApiClient;
import dev.tcccbridge.tcccapi.TcccApiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The beans of {@code routes/reconcile.camel.yaml}. They exist also when reconciliation is
 * disabled (the routes name them); then the API is never called, and nothing needs its settings.
 */
@Configuration(proxyBeanMethods = false)
public class ReconcileConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileConfiguration.class);

    @Bean
    ReconcileRuns reconcileRuns(SchedulerLock lock, InboxHorizon horizon, ReconcileProperties reconcile, Clock clock,
                                MeterRegistry metrics, LastReconcileRun lastReconcileRun) {
        return new ReconcileRuns(lock, horizon, reconcile, clock, metrics, lastReconcileRun);
    }

    @Bean
    LastReconcileRun lastReconcileRun(JdbcTemplate jdbc, Clock clock, DeliveryWorker instance) {
        return new LastReconcileRun(jdbc, clock, instance.id());
    }

    @Bean
    TelCdrPages telCdrPages(ReconcileProperties reconcile, TcccApiProperties api, TcccProperties tccc,
                            ObjectProvider<TcccApiClient> apiClient) {
        check(reconcile, api, tccc);
        if (!reconcile.enabled()) {
            return new TelCdrPages((window, page, size) -> {
                throw new IllegalStateException("reconciliation is disabled (bridge.reconcile.enabled)");
            }, reconcile.pageSize());
        }
        LOG.info("reconciliation every {} over the last {}, with the TCCC API at {}", reconcile.interval(),
                reconcile.lookback(), api.endpoint());
        return new TelCdrPages(new TcccTelCdrApi(apiClient.getObject(), tccc.sdkAppId()), reconcile.pageSize());
    }

    @Bean
    TelCdrPushes telCdrPushes(PushReader reader, ObjectMapper objectMapper, TcccProperties tccc) {
        // without bridge.tccc.sdk-app-id reconciliation cannot be enabled (check below)
        return new TelCdrPushes(reader, objectMapper, tccc.sdkAppId() == null ? 0 : tccc.sdkAppId());
    }

    @Bean
    KnownPushes knownPushes(JdbcTemplate jdbc) {
        return new KnownPushes(jdbc);
    }

    @Bean
    ReconcileAnswers reconcileAnswers(JsonAnswers answers) {
        return new ReconcileAnswers(answers);
    }

    /** Reconciliation cannot run without these: start-up fails naming the missing key. */
    static void check(ReconcileProperties reconcile, TcccApiProperties api, TcccProperties tccc) {
        if (!reconcile.enabled()) {
            return;
        }
        if (api.secretId() == null || api.secretId().isBlank()) {
            throw new IllegalStateException("bridge.reconcile.enabled is true, but bridge.tccc.api.secret-id is not set");
        }
        if (api.secretKey() == null || api.secretKey().isBlank()) {
            throw new IllegalStateException("bridge.reconcile.enabled is true, but bridge.tccc.api.secret-key is not set");
        }
        if (tccc.sdkAppId() == null) {
            throw new IllegalStateException("bridge.reconcile.enabled is true, but bridge.tccc.sdk-app-id is not set"
                    + " (DescribeTelCdr asks for the CDRs of one SdkAppId)");
        }
    }
}
