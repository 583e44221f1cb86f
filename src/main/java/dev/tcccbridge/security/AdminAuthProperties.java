package dev.tcccbridge.security;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.admin.username} / {@code .password}: the HTTP Basic credentials of the operator
 * endpoints under {@code /admin/**}. Not set: those endpoints refuse every request.
 */
@Validated
@ConfigurationProperties("bridge.admin")
public record AdminAuthProperties(String username, String password) {

    @AssertTrue(message = "bridge.admin.username and bridge.admin.password are set together, or neither")
    public boolean isComplete() {
        return StringUtils.hasText(username) == StringUtils.hasText(password);
    }

    public boolean configured() {
        return StringUtils.hasText(username) && StringUtils.hasText(password);
    }

    /** Never the password: records print their components. */
    @Override
    public String toString() {
        return "AdminAuthProperties[username=" + username + "]";
    }
}
