package dev.tcccbridge.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.inbox.DeliveryWorker;
import dev.tcccbridge.tcccapi.TcccApiClient;
import dev.tcccbridge.tcccapi.TcccApiProperties;
import dev.tcccbridge.tccc.PushIntake;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.TcccProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class ReconcileConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileConfiguration.class);

    /** The beans of routes/reconcile.camel.yaml; a run needs the API settings checked below. */
    @Bean
    ReconcileJob reconcileJob(ReconcileProperties reconcile, TcccApiProperties api, TcccProperties tccc,
                              JdbcTemplate jdbc, ProducerTemplate producer, PushReader reader, Clock clock,
                              DeliveryWorker instance, MeterRegistry metrics, ObjectMapper objectMapper,
                              ObjectProvider<TcccApiClient> apiClient) {
        if (!reconcile.enabled()) {
            return new ReconcileJob(null, objectMapper);
        }
        check(reconcile, api, tccc);
        LOG.info("reconciliation every {} over the last {}, with the TCCC API at {}", reconcile.interval(),
                reconcile.lookback(), api.endpoint());
        PushFeed feed = push -> producer.sendBodyAndHeader("direct:store-push", push,
                PushIntake.PUSH_ID_HEADER, push.pushId());
        Reconciliation reconciliation = new Reconciliation(
                new TelCdrPaging(new TcccTelCdrApi(apiClient.getObject(), tccc.sdkAppId()), reconcile.pageSize()),
                new KnownSessions(jdbc), feed, reader, new SchedulerLock(jdbc, clock, instance.id()),
                reconcile, tccc.sdkAppId(), clock, metrics);
        return new ReconcileJob(reconciliation, objectMapper);
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
