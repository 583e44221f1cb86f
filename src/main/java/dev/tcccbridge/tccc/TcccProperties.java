package dev.tcccbridge.tccc;

import dev.tcccbridge.http.AddressRanges;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.tccc.*}: what the push ingress expects of TCCC.
 *
 * @param sdkAppId the contact centre's SdkAppId; pushes of any other are refused (empty: any)
 */
@Validated
@ConfigurationProperties("bridge.tccc")
public record TcccProperties(Long sdkAppId, @Valid @DefaultValue Push push) {

    /**
     * @param path           where TCCC posts its pushes
     * @param maxBodyBytes   larger bodies are refused with 413 before they are read
     * @param allowedSources addresses (CIDR) pushes may come from; empty: any
     * @param trustedProxies proxies (CIDR) whose {@code X-Forwarded-For} names the sender; empty:
     *                       the header is ignored and the connection's peer is the sender
     */
    public record Push(
            @DefaultValue("/tccc/push") @NotBlank @Pattern(regexp = "/.*", message = "must start with /") String path,
            @DefaultValue("1MB") DataSize maxBodyBytes,
            @DefaultValue List<@NotNull String> allowedSources,
            @DefaultValue List<@NotNull String> trustedProxies) {

        @AssertTrue(message = "allowed-sources and trusted-proxies must be IP addresses or ranges in CIDR notation, "
                + "e.g. 203.0.113.0/24")
        public boolean isAddressesReadable() {
            try {
                AddressRanges.parse(allowedSources, "bridge.tccc.push.allowed-sources");
                AddressRanges.parse(trustedProxies, "bridge.tccc.push.trusted-proxies");
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @AssertTrue(message = "trusted-proxies only says whose X-Forwarded-For to believe for allowed-sources: "
                + "set bridge.tccc.push.allowed-sources too, or remove it")
        public boolean isTrustedProxiesWithAllowedSources() {
            return trustedProxies.isEmpty() || !allowedSources.isEmpty();
        }
    }
}
