package dev.tcccbridge.agent;

import java.util.Map;

/**
 * Which TCCC seat (SeatUserId) a signed-in agent is: the claim {@code bridge.agent.seat-claim} of their
 * sign-in (default {@code email}), or, when {@code bridge.agent.seats} is set, the seat it maps that value
 * to (then only mapped sign-ins get one). The seat never comes from the request: an agent can only ever
 * be their own. An {@code email} the identity provider marks unverified ({@code email_verified: false}) is
 * no seat: anyone could have typed it.
 */
public final class AgentSeats {

    private final String claim;
    private final Map<String, String> mapping;

    public AgentSeats(AgentProperties properties) {
        this.claim = properties.seatClaim();
        this.mapping = properties.seats();
    }

    /** @throws AgentRefusal (403) when the sign-in has no seat */
    public String seatOf(Map<String, Object> claims) {
        Object value = claims.get(claim);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new AgentRefusal(403, "no-seat", "Your sign-in has no '" + claim + "' claim, which names your TCCC"
                    + " seat: ask an administrator (bridge.agent.seat-claim, or the identity provider's claims).");
        }
        if ("email".equals(claim) && isFalse(claims.get("email_verified"))) {
            throw new AgentRefusal(403, "email-not-verified", "Your identity provider has not verified your e-mail "
                    + text.strip() + ", so it cannot name your TCCC seat.");
        }
        if (mapping.isEmpty()) {
            return text.strip();
        }
        String seat = mapping.get(text.strip());
        if (seat == null) {
            throw new AgentRefusal(403, "no-seat", "No TCCC seat is assigned to " + text.strip()
                    + ": ask an administrator (bridge.agent.seats).");
        }
        return seat;
    }

    private static boolean isFalse(Object verified) {
        return Boolean.FALSE.equals(verified) || "false".equalsIgnoreCase(String.valueOf(verified));
    }
}
