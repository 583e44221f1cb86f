package dev.tcccbridge.crm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.crm.mapping.*}: which CRM fields are written from a call, a recording and a
 * voicemail, editable in application.yaml (docs/CRM-MAPPING.md). Values and expressions are
 * checked when the bridge starts ({@link FieldMappings}).
 *
 * @param cdrTask       the fields of the activity written for each CDR, in order
 * @param recordingTask fields written on the call's activity with each recording, besides the
 *                      recording field ({@code bridge.recording.task-field}); empty: none
 * @param voicemailTask the fields of a voicemail's call-back Task
 */
@Validated
@ConfigurationProperties("bridge.crm.mapping")
public record CrmMappingProperties(@NotEmpty(message = "must list the fields written for each call")
                                   @Valid List<FieldMapping> cdrTask,
                                   @Valid List<FieldMapping> recordingTask,
                                   @NotEmpty(message = "must list the fields of a voicemail's call-back Task")
                                   @Valid List<FieldMapping> voicemailTask) {

    public CrmMappingProperties {
        recordingTask = recordingTask == null ? List.of() : List.copyOf(recordingTask);
    }

    /**
     * One field: its value is a named value of the pipeline ({@code value}), a fixed text
     * ({@code constant}), or a Camel Simple expression over the payload ({@code expression}).
     *
     * @param field      the CRM field's API name, e.g. {@code CallDurationInSeconds}
     * @param value      a named value, e.g. {@code durationSeconds} ({@link CallValue} for CDRs)
     * @param constant   a fixed value, e.g. {@code Completed}
     * @param expression a Camel Simple expression, e.g. {@code ${body.uui}}
     * @param maxLength  longer texts are cut to this; empty: Salesforce's length for standard
     *                   fields known to the bridge (Subject 255...), else uncut
     */
    public record FieldMapping(@NotBlank String field, String value, String constant, String expression,
                               @Min(1) Integer maxLength) {

        @ConstructorBinding
        public FieldMapping {
            expression = expression == null || expression.isBlank() ? null : expression;
        }

        /** Without an expression, as most entries are. */
        public FieldMapping(String field, String value, String constant, Integer maxLength) {
            this(field, value, constant, null, maxLength);
        }

        @AssertTrue(message = "needs exactly one of value (a named value), constant or expression (Camel Simple)")
        public boolean isOneSource() {
            int sources = (value == null || value.isBlank() ? 0 : 1) + (constant == null ? 0 : 1)
                    + (expression == null ? 0 : 1);
            return sources == 1;
        }
    }
}
