package dev.tcccbridge.crm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.crm.*}: which CRM the bridge writes to and how.
 *
 * @param mode           {@code salesforce} or {@code dry-run}; empty: Salesforce when its
 *                       credentials are set, else dry-run (see {@link CrmMode})
 * @param defaultOwnerId owner of activities whose agent has no Salesforce user
 * @param timeZone       the zone in which activity dates are written
 */
@Validated
@ConfigurationProperties("bridge.crm")
public record CrmProperties(
        String mode,
        String defaultOwnerId,
        @DefaultValue("UTC") ZoneId timeZone,
        @Valid @DefaultValue Salesforce salesforce) {

    /**
     * @param activityObject the sObject written for each call session
     * @param sessionIdField its external id field holding the TCCC SessionId
     */
    public record Salesforce(
            @DefaultValue("Task") @NotBlank String activityObject,
            @DefaultValue("TCCC_Session_Id__c") @NotBlank String sessionIdField) {
    }
}
