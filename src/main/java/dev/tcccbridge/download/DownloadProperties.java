package dev.tcccbridge.download;

import dev.tcccbridge.http.AddressRanges;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.download.*}: where the bridge may download audio from (recording archive,
 * voicemail attachments). A push names the URL, so without these limits anyone who can push
 * could make the bridge fetch an internal address and hand the answer to Salesforce or a mailbox.
 *
 * @param allowedHosts     host names a download may go to: exact ({@code cdn.example.com}) or
 *                         {@code *.} and a domain (any name below it, not the domain itself).
 *                         Default: TCCC's recording storage (Tencent COS)
 * @param allowedAddresses address ranges (CIDR) allowed although they are loopback, private,
 *                         link-local, multicast or unspecified; empty: none, whatever the host
 * @param maxRedirects     redirects followed, each checked like the first URL
 */
@Validated
@ConfigurationProperties("bridge.download")
public record DownloadProperties(
        @DefaultValue({"*.myqcloud.com", "*.tencentcos.cn", "*.tencentcos.com"})
        List<@NotNull @Pattern(regexp = HOST_PATTERN, message = HOST_PATTERN_MESSAGE) String> allowedHosts,
        @DefaultValue List<@NotNull String> allowedAddresses,
        @DefaultValue("3") @Min(0) @Max(10) int maxRedirects) {

    static final String HOST_PATTERN = "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9a-fA-F:.]+|\\[[0-9a-fA-F:.]+]";
    static final String HOST_PATTERN_MESSAGE = "must be a host name, *.domain or an IP address";

    @AssertTrue(message = "allowed-addresses must be IP addresses or ranges in CIDR notation, e.g. 10.0.0.0/8")
    public boolean isAllowedAddressesReadable() {
        try {
            AddressRanges.parse(allowedAddresses, DownloadPolicy.ADDRESSES_KEY);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
