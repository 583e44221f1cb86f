package dev.tcccbridge.agent;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.agent.*}: the agent workspace ({@code /agent/}), the TCCC softphone for signed-in agents.
 *
 * @param enabled           off by default; then {@code /agent/} only says how to turn it on
 * @param seatClaim         the claim of the agent's OpenID Connect sign-in that is their TCCC seat (SeatUserId)
 * @param seats             when not empty, the only sign-ins that get a seat: claim value → SeatUserId
 * @param registrationId    which {@code spring.security.oauth2.client.registration.<id>} agents sign in with;
 *                          empty: the only one configured
 * @param salesforceOrigins origins (CSP host sources, {@code *.} for any subdomain) that may frame the page and
 *                          whose Open CTI script it loads when Salesforce opens it as a softphone
 * @param openCtiVersion    the Salesforce API version of the Open CTI script ({@code /support/api/<v>/lightning/opencti_min.js})
 */
@Validated
@ConfigurationProperties("bridge.agent")
public record AgentProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("email") @NotBlank String seatClaim,
        Map<String, String> seats,
        String registrationId,
        @DefaultValue("https://*.lightning.force.com") List<@Pattern(regexp = AllowedOrigins.PATTERN,
                message = "must be an origin such as https://*.lightning.force.com (http only for localhost)")
                String> salesforceOrigins,
        @DefaultValue("62.0") @Pattern(regexp = "\\d{2,3}\\.0", message = "must be an API version such as 62.0")
        String openCtiVersion) {

    public AgentProperties {
        // claim values are compared case-insensitively: e-mail addresses are
        TreeMap<String, String> byClaim = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (seats != null) {
            seats.forEach((claim, seat) -> byClaim.put(claim.strip(), seat == null ? null : seat.strip()));
        }
        seats = byClaim;
        salesforceOrigins = salesforceOrigins == null ? List.of() : List.copyOf(salesforceOrigins);
        registrationId = registrationId == null || registrationId.isBlank() ? null : registrationId.strip();
    }

    @AssertTrue(message = "bridge.agent.seats gives one seat to two sign-ins (or a seat is empty): each seat"
            + " belongs to one agent")
    public boolean isOneAgentPerSeat() {
        HashSet<String> taken = new HashSet<>();
        return seats.values().stream().allMatch(seat -> seat != null && !seat.isBlank()
                && taken.add(seat.toLowerCase(Locale.ROOT)));
    }
}
