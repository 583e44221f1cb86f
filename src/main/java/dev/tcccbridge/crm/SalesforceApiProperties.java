package dev.tcccbridge.crm;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.crm.salesforce.api.*}: how the bridge spends the org's daily API allowance, which
 * Salesforce reports on every answer ({@code Sforce-Limit-Info: api-usage=used/allowance}).
 *
 * @param slowDownAt         share of the allowance (0 to 1) above which deliveries are slowed down
 * @param slowedPollInterval while slowed, deliveries claim rows at most once per this interval
 */
@Validated
@ConfigurationProperties("bridge.crm.salesforce.api")
public record SalesforceApiProperties(
        @DefaultValue("0.8") @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0") double slowDownAt,
        @DefaultValue("1m") @NotNull Duration slowedPollInterval) {

    @AssertTrue(message = "slowed-poll-interval must be positive")
    public boolean isSlowedPollIntervalPositive() {
        return slowedPollInterval == null || (!slowedPollInterval.isNegative() && !slowedPollInterval.isZero());
    }
}
