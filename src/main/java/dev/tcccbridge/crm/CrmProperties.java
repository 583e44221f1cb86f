package dev.tcccbridge.crm;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
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
 * @param phoneRegion    region (ISO 3166) of phone numbers written without a country code
 * @param cache          how long CRM lookups (agent → user, number → customer) are kept
 */
@Validated
@ConfigurationProperties("bridge.crm")
public record CrmProperties(
        String mode,
        String defaultOwnerId,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("CN") @NotBlank String phoneRegion,
        @Valid @DefaultValue Cache cache,
        @Valid @DefaultValue Salesforce salesforce) {

    @AssertTrue(message = "phone-region must be a region libphonenumber knows, e.g. CN, US, DE")
    public boolean isPhoneRegionKnown() {
        return phoneRegion == null || PhoneNumberUtil.getInstance().getSupportedRegions().contains(phoneRegion);
    }

    /**
     * @param ttl     how long an answer (also "no match") is kept
     * @param maxSize most answers kept per lookup
     */
    public record Cache(
            @DefaultValue("15m") @NotNull Duration ttl,
            @DefaultValue("10000") @Min(0) long maxSize) {
    }

    /**
     * @param activityObject   the sObject written for each call session
     * @param sessionIdField   its external id field holding the TCCC SessionId
     * @param createOnlyFields fields Salesforce accepts on create only (sent again without them
     *                         when an upsert meets an existing record)
     */
    public record Salesforce(
            @DefaultValue("Task") @NotBlank String activityObject,
            @DefaultValue("TCCC_Session_Id__c") @NotBlank String sessionIdField,
            @DefaultValue("TaskSubtype") List<String> createOnlyFields) {
    }
}
