package dev.tcccbridge.tccc;

import jakarta.validation.Valid;
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
     * @param path         where TCCC posts its pushes
     * @param maxBodyBytes larger bodies are refused with 413 before they are read
     */
    public record Push(
            @DefaultValue("/tccc/push") @NotBlank @Pattern(regexp = "/.*", message = "must start with /") String path,
            @DefaultValue("1MB") DataSize maxBodyBytes) {
    }
}
