package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.testing.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

class AgentSeatsTest {

    @Test
    void theSeatIsTheVerifiedEmailByDefault() {
        AgentSeats seats = new AgentSeats(settings(Map.of()));

        assertThat(seats.seatOf(Map.of("email", " li.lei@example.com ", "email_verified", true)))
                .isEqualTo("li.lei@example.com");
        assertThat(seats.seatOf(Map.of("email", "li.lei@example.com"))).as("no verification claim").isEqualTo(
                "li.lei@example.com");
        assertThatThrownBy(() -> seats.seatOf(Map.of("email", "li.lei@example.com", "email_verified", false)))
                .isInstanceOfSatisfying(AgentRefusal.class, r -> assertThat(r.code()).isEqualTo("email-not-verified"));
        assertThatThrownBy(() -> seats.seatOf(Map.of("name", "Li Lei")))
                .isInstanceOfSatisfying(AgentRefusal.class, r -> {
                    assertThat(r.status()).isEqualTo(403);
                    assertThat(r.getMessage()).contains("'email' claim");
                });
    }

    @Test
    void anotherClaimCanNameTheSeat() {
        AgentSeats seats = new AgentSeats(settings(Map.of("bridge.agent.seat-claim", "tccc_seat")));

        assertThat(seats.seatOf(Map.of("tccc_seat", "agent7@tccc.example", "email", "x@y", "email_verified", false)))
                .isEqualTo("agent7@tccc.example");
    }

    @Test
    void aMappingIsTheOnlyWayToASeatWhenSet() {
        AgentSeats seats = new AgentSeats(settings(Map.of(
                "bridge.agent.seats[li.lei@corp.example]", "lilei@tccc.example",
                "bridge.agent.seats[han.meimei@corp.example]", "hanmm@tccc.example")));

        assertThat(seats.seatOf(Map.of("email", "Li.Lei@Corp.Example"))).isEqualTo("lilei@tccc.example");
        assertThatThrownBy(() -> seats.seatOf(Map.of("email", "lilei@tccc.example")))
                .as("a seat is not reachable by claiming it").isInstanceOfSatisfying(AgentRefusal.class,
                        r -> assertThat(r.code()).isEqualTo("no-seat"));
    }

    @Test
    void oneSeatForTwoSignInsFailsTheStart() {
        assertThatThrownBy(() -> settings(Map.of(
                "bridge.agent.seats[a@corp.example]", "shared@tccc.example",
                "bridge.agent.seats[b@corp.example]", "Shared@tccc.example")))
                .isInstanceOf(BindException.class)
                .hasStackTraceContaining("each seat belongs to one agent");
    }

    @Test
    void salesforceOriginsMustBeOrigins() {
        assertThatThrownBy(() -> settings(Map.of("bridge.agent.salesforce-origins[0]", "http://acme.example")))
                .isInstanceOf(BindException.class).hasStackTraceContaining("http only for localhost");
        assertThat(settings(Map.of()).salesforceOrigins()).containsExactly("https://*.lightning.force.com");
    }

    private static AgentProperties settings(Map<String, String> values) {
        return Settings.bind("bridge.agent", AgentProperties.class, values);
    }
}
