package dev.tcccbridge.crm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.crm.mapping.*}: which CRM fields are written from a call, editable in
 * application.yaml (docs/CRM-MAPPING.md).
 *
 * @param cdrTask the fields of the activity written for each CDR, in order
 */
@Validated
@ConfigurationProperties("bridge.crm.mapping")
public record CrmMappingProperties(@NotEmpty(message = "must list the fields written for each call")
                                   @Valid List<FieldMapping> cdrTask) {

    /**
     * One field: its value is a call value ({@code value}) or a fixed text ({@code constant}).
     *
     * @param field     the CRM field's API name, e.g. {@code CallDurationInSeconds}
     * @param value     a {@link CallValue} name, e.g. {@code durationSeconds}
     * @param constant  a fixed value, e.g. {@code Completed}
     * @param maxLength longer texts are cut to this; empty: Salesforce's length for standard
     *                  fields known to the bridge (Subject 255...), else uncut
     */
    public record FieldMapping(@NotBlank String field, String value, String constant, @Min(1) Integer maxLength) {

        @AssertTrue(message = "needs either value (a call value) or constant, not both")
        public boolean isValueOrConstant() {
            return (value == null || value.isBlank()) != (constant == null);
        }

        @AssertTrue(message = "value must be one of the call values listed in docs/CRM-MAPPING.md")
        public boolean isValueKnown() {
            return value == null || value.isBlank() || CallValue.of(value).isPresent();
        }
    }
}
