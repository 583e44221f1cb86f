package dev.tcccbridge.recording;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.recording.*}: how the recordings of a call reach its CRM activity.
 *
 * @param taskField       the activity's Long Text Area that lists every recording of the call,
 *                        one line each ("Customer +86 184 8614 7605: https://...")
 * @param archive         also store each recording's audio as a Salesforce File on the activity,
 *                        before TCCC's link expires (3 months)
 * @param maxBytes        larger recordings are not archived (the row is dead, with the reason);
 *                        at most {@link #SALESFORCE_JSON_LIMIT}: the File is sent base64-encoded
 *                        in a JSON body, which Salesforce takes up to 37.5 MB
 * @param downloadTimeout the time one recording's download may take in all: connect, redirects, body
 * @param archiveBefore   the archive sweep archives delivered recordings that arrived longer ago than this
 *                        (and not archived yet), before TCCC deletes them
 * @param linkLifetime    how long TCCC keeps a recording (3 months unless bought longer): an older
 *                        link has expired, and the sweep reports it instead of trying it
 * @param sweep           the archive sweep's schedule and pace
 */
@Validated
@ConfigurationProperties("bridge.recording")
public record RecordingProperties(
        @DefaultValue("TCCC_Recordings__c") @NotBlank String taskField,
        @DefaultValue("false") boolean archive,
        @DefaultValue("25MB") @NotNull DataSize maxBytes,
        @DefaultValue("60s") @NotNull Duration downloadTimeout,
        @DefaultValue("75d") @NotNull Duration archiveBefore,
        @DefaultValue("90d") @NotNull Duration linkLifetime,
        @DefaultValue @NotNull @Valid Sweep sweep) {

    /**
     * {@code bridge.recording.sweep.*}: the scheduled archive of recordings whose links are about
     * to expire ({@code routes/recording-sweep.camel.yaml}).
     *
     * @param enabled      whether this instance sweeps (one instance at a time does, by a database lock)
     * @param interval     pause between two sweeps
     * @param initialDelay when the first sweep starts after start-up
     * @param maxPerRun    recordings queued for archiving per sweep, oldest first
     * @param perMinute    recordings queued per minute at most, so the downloads and uploads spread out
     */
    public record Sweep(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("15m") @NotNull Duration interval,
            @DefaultValue("5m") @NotNull Duration initialDelay,
            @DefaultValue("200") @Min(1) @Max(10000) int maxPerRun,
            @DefaultValue("30") @Min(1) @Max(6000) int perMinute) {

        @AssertTrue(message = "interval must be positive and initial-delay not negative")
        public boolean isScheduleValid() {
            return interval == null || initialDelay == null
                    || (!interval.isNegative() && !interval.isZero() && !initialDelay.isNegative());
        }
    }

    /** 37.5 MB of base64 in a JSON body, decoded: the largest File one sObject request carries. */
    public static final DataSize SALESFORCE_JSON_LIMIT = DataSize.ofBytes(37_500_000L / 4 * 3);

    @AssertTrue(message = "max-bytes must be between 1 byte and 28125000 bytes (Salesforce takes 37.5 MB of"
            + " base64 in one JSON request)")
    public boolean isMaxBytesWithinSalesforceLimit() {
        return maxBytes == null || (maxBytes.toBytes() > 0 && maxBytes.compareTo(SALESFORCE_JSON_LIMIT) <= 0);
    }

    @AssertTrue(message = "archive-before must be positive and shorter than link-lifetime, or links expire before"
            + " the sweep archives them")
    public boolean isArchiveBeforeWithinLinkLifetime() {
        return archiveBefore == null || linkLifetime == null
                || (!archiveBefore.isNegative() && !archiveBefore.isZero() && archiveBefore.compareTo(linkLifetime) < 0);
    }

    @AssertTrue(message = "download-timeout must be positive")
    public boolean isDownloadTimeoutPositive() {
        return downloadTimeout == null || (!downloadTimeout.isNegative() && !downloadTimeout.isZero());
    }
}
