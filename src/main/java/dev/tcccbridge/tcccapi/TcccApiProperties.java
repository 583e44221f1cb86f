package dev.tcccbridge.tcccapi;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.tccc.api.*}: the TCCC cloud API (CCC, version 2020-02-10), shared by reconciliation and the agent workspace.
 *
 * @param endpoint  the API host; {@code http://host:port} only for a local stub (https otherwise)
 * @param region    the region of the contact centre, e.g. ap-guangzhou (empty: none sent)
 * @param secretId  the API key's SecretId (CAM)
 * @param secretKey the API key's SecretKey: never logged
 * @param timeout   connect and read time allowed for one API request
 */
@Validated
@ConfigurationProperties("bridge.tccc.api")
public record TcccApiProperties(
        @DefaultValue("ccc.tencentcloudapi.com") @NotBlank String endpoint,
        String region,
        String secretId,
        String secretKey,
        @DefaultValue("30s") Duration timeout) {

    public boolean hasCredentials() {
        return secretId != null && !secretId.isBlank() && secretKey != null && !secretKey.isBlank();
    }

    @Override
    public String toString() {
        return "TcccApiProperties[endpoint=" + endpoint + ", region=" + region + ", secretId=" + secretId
                + ", secretKey=" + (secretKey == null || secretKey.isEmpty() ? "(not set)" : "******")
                + ", timeout=" + timeout + "]";
    }
}
