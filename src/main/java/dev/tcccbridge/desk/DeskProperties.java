package dev.tcccbridge.desk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.desk.*}: the Tencent Desk callbacks (agent routing and session variables)
 * and how they are answered from the CRM.
 *
 * @param path                 where Desk posts its callbacks
 * @param sdkAppId             the Desk application's SdkAppid; callbacks of any other are refused.
 *                             Empty: every callback is refused (the answers carry CRM data)
 * @param token                the callback token of the Desk console; when set, {@code Sign} and
 *                             {@code RequestTime} are checked, and each signed request accepted once
 * @param allowUnsigned        accept callbacks without a token (SdkAppid check only); without it a
 *                             {@code sdkAppId} without a {@code token} fails the start
 * @param maxClockSkew         how far {@code RequestTime} may be from now
 * @param timeout              every answer is sent within this time; the CRM lookup gets 80 % of it
 * @param maxConcurrentLookups CRM lookups running at once; more wait (within the time budget)
 * @param customer             which CRM record a Desk user is, and how else to find it
 * @param linkUserId           write the user id onto a record found by a bot variable instead
 *                             (phone or e-mail), so the next chat matches it directly
 * @param assignment           how the record names agents and an agent group
 * @param variables            session variables answered to {@code InterfaceInvocation}:
 *                             variable name to field path on the customer record
 * @param cache                how long looked-up customers are remembered
 * @param circuitBreaker       when to stop calling a failing CRM for a while
 */
@Validated
@ConfigurationProperties("bridge.desk")
public record DeskProperties(
        @DefaultValue("/desk/callback") @NotBlank @Pattern(regexp = "/.*", message = "must start with /") String path,
        Long sdkAppId,
        String token,
        @DefaultValue("false") boolean allowUnsigned,
        @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration maxClockSkew,
        @DefaultValue("1500ms") @NotNull @DurationMin(millis = 100) Duration timeout,
        @DefaultValue("16") @Min(1) int maxConcurrentLookups,
        @DefaultValue("256KB") @NotNull DataSize maxBodyBytes,
        @Valid @DefaultValue Customer customer,
        @DefaultValue("true") boolean linkUserId,
        @Valid @DefaultValue Assignment assignment,
        Map<@NotBlank String, @NotNull @Pattern(regexp = FIELD_PATH, message = FIELD_PATH_MESSAGE) String> variables,
        @Valid @DefaultValue Cache cache,
        @Valid @DefaultValue CircuitBreaker circuitBreaker) {

    /** A field or a relationship path of the customer record, e.g. {@code Account.Tier__c}. */
    static final String FIELD_PATH = "[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*";
    static final String FIELD_PATH_MESSAGE = "must be a field path such as Name or Account.Tier__c";
    static final String NAME = "[A-Za-z][A-Za-z0-9_]*";

    public DeskProperties {
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        token = token == null || token.isBlank() ? null : token;
    }

    @AssertTrue(message = "bridge.desk.sdk-app-id is set without bridge.desk.token: set the callback token of the "
            + "Desk console, or bridge.desk.allow-unsigned=true to accept callbacks checked by SdkAppid only")
    public boolean isSignedOrExplicitlyUnsigned() {
        return sdkAppId == null || token != null || allowUnsigned;
    }

    @AssertTrue(message = "bridge.desk.allow-unsigned is true but bridge.desk.token is set: callbacks are signed, "
            + "remove bridge.desk.allow-unsigned, it would be ignored")
    public boolean isAllowUnsignedWithoutToken() {
        return !(allowUnsigned && token != null);
    }

    /** The part of {@link #timeout} the CRM lookup may take; the rest is for verifying and answering. */
    public Duration lookupTimeout() {
        return timeout.multipliedBy(4).dividedBy(5);
    }

    /**
     * @param object      the sObject a Desk user is found in
     * @param userIdField its field holding the Desk user id ({@code ClientUserId})
     * @param condition   optional SOQL condition added to the query with AND, e.g.
     *                    {@code IsDeleted = false}; written by the operator, never from a request
     * @param matchVariables variables of {@code Chatbot.InterfaceInvocation}'s Body holding a phone
     *                    number or an e-mail the bot collected, tried in order when the user id
     *                    matches no record; empty: no such lookup
     * @param phoneFields the record's phone fields a number must be in
     * @param emailFields the record's e-mail fields an address must be in
     */
    public record Customer(
            @DefaultValue("Contact") @NotBlank @Pattern(regexp = NAME, message = "must be an sObject name") String object,
            @DefaultValue("TCCC_Desk_User_Id__c") @NotBlank @Pattern(regexp = NAME, message = "must be a field name")
            String userIdField,
            String condition,
            List<@NotBlank String> matchVariables,
            @DefaultValue({"Phone", "MobilePhone", "HomePhone", "OtherPhone", "AssistantPhone"})
            List<@NotNull @Pattern(regexp = NAME, message = "must be a field name") String> phoneFields,
            @DefaultValue("Email")
            List<@NotNull @Pattern(regexp = NAME, message = "must be a field name") String> emailFields) {

        @ConstructorBinding
        public Customer {
            condition = condition == null || condition.isBlank() ? null : condition.trim();
            matchVariables = matchVariables == null ? List.of() : List.copyOf(matchVariables);
            phoneFields = phoneFields == null ? List.of() : List.copyOf(phoneFields);
            emailFields = emailFields == null ? List.of() : List.copyOf(emailFields);
        }

        /** The customer of a Desk user, found by the user id only. */
        public Customer(String object, String userIdField, String condition) {
            this(object, userIdField, condition, List.of(), List.of("Phone", "MobilePhone"), List.of("Email"));
        }
    }

    /**
     * @param agentFields    field paths holding agent e-mails, answered in this order as
     *                       {@code AgentIdList} (the Desk agent id is the agent's e-mail)
     * @param groupField     optional field path holding the Desk agent group for the customer
     * @param groupIds       CRM value of {@code groupField} to Desk {@code AgentGroupId}; empty: the
     *                       field holds the group id itself
     * @param defaultGroupId {@code AgentGroupId} when the CRM names none (also when it has no record)
     */
    public record Assignment(
            @DefaultValue("Owner.Email")
            List<@NotNull @Pattern(regexp = FIELD_PATH, message = FIELD_PATH_MESSAGE) String> agentFields,
            @Pattern(regexp = FIELD_PATH, message = FIELD_PATH_MESSAGE) String groupField,
            Map<String, @NotNull Long> groupIds,
            Long defaultGroupId) {

        public Assignment {
            agentFields = agentFields == null ? List.of() : List.copyOf(agentFields);
            groupField = groupField == null || groupField.isBlank() ? null : groupField;
            groupIds = groupIds == null ? Map.of() : Map.copyOf(groupIds);
        }
    }

    /**
     * @param ttl     how long a customer (or the absence of one) is remembered; 0: not cached
     * @param maxSize at most this many users are remembered
     */
    public record Cache(
            @DefaultValue("5m") @NotNull Duration ttl,
            @DefaultValue("10000") @Min(0) long maxSize) {
    }

    /**
     * Resilience4j settings of the CRM lookup: once {@code failureRateThreshold} % of the last
     * {@code slidingWindowSize} lookups (at least {@code minimumNumberOfCalls}) failed or took too
     * long, the CRM is not called for {@code waitDurationInOpenState} and every lookup answers the
     * fallback at once.
     */
    public record CircuitBreaker(
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
            @DefaultValue("5") @Min(1) int minimumNumberOfCalls,
            @DefaultValue("10") @Min(1) int slidingWindowSize,
            @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration waitDurationInOpenState) {
    }
}
