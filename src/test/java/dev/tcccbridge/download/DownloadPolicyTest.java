package dev.tcccbridge.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.http.AddressRanges;
import dev.tcccbridge.testing.Settings;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.InMemoryDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;

/** What a push's link may point at, with the default settings unless a test says otherwise. */
class DownloadPolicyTest {

    private final InMemoryDnsResolver dns = new InMemoryDnsResolver();
    private final DownloadProperties defaults = Settings.bind("bridge.download", DownloadProperties.class, Map.of());
    private final DownloadPolicy policy = new DownloadPolicy(defaults.allowedHosts(), AddressRanges.none(), dns);

    @Test
    void tcccRecordingStorageIsAllowedByDefault() {
        assertThatCode(() -> policy.checkUrl(URI.create("http://recorder-10018504.cos.ap-shanghai.myqcloud.com/def/month12")))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.checkUrl(URI.create("https://bucket-1250000000.cos.ap-guangzhou.tencentcos.cn/r.mp3")))
                .doesNotThrowAnyException();
        assertThat(defaults.maxRedirects()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://myqcloud.com/r.mp3", "http://evilmyqcloud.com/r.mp3",
            "http://myqcloud.com.attacker.example/r.mp3", "http://internal-billing/r.mp3",
            "http://127.0.0.1:8080/admin/inbox/dead", "http://169.254.169.254/latest/meta-data/"})
    void otherHostsAreRefusedNamingTheSetting(String url) {
        assertThatThrownBy(() -> policy.checkUrl(URI.create(url)))
                .isInstanceOf(DownloadRefused.class)
                .hasMessageContaining("is not in bridge.download.allowed-hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://x.cos.ap-shanghai.myqcloud.com/r.mp3",
            "gopher://x.cos.ap-shanghai.myqcloud.com:25/", "jar:http://x.cos.ap-shanghai.myqcloud.com/a!/b"})
    void onlyHttpAndHttps(String url) {
        assertThatThrownBy(() -> policy.checkUrl(URI.create(url)))
                .isInstanceOf(DownloadRefused.class)
                .hasMessageContaining("only http and https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "169.254.169.254", "fe80::1", "10.0.0.1",
            "172.16.5.4", "192.168.1.1", "fd00::1", "100.64.0.1", "0.0.0.0", "::", "224.0.0.1", "ff02::1",
            "255.255.255.255", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "::127.0.0.1",
            "2002:7f00:1::1"})
    void aNameResolvingToAnInternalAddressIsRefused(String address) throws Exception {
        dns.add("rec.cos.ap-shanghai.myqcloud.com", InetAddress.getByName(address));

        assertThatThrownBy(() -> policy.resolve("rec.cos.ap-shanghai.myqcloud.com"))
                .isInstanceOf(DownloadRefused.class)
                .hasMessageContaining("resolves to")
                .hasMessageContaining("bridge.download.allowed-addresses");
    }

    @Test
    void oneInternalAddressAmongPublicOnesRefusesTheName() throws Exception {
        dns.add("rec.cos.ap-shanghai.myqcloud.com", InetAddress.getByName("162.14.0.10"), InetAddress.getByName("10.1.2.3"));

        assertThatThrownBy(() -> policy.resolve("rec.cos.ap-shanghai.myqcloud.com"))
                .isInstanceOf(DownloadRefused.class)
                .hasMessageContaining("10.1.2.3, a private address");
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        dns.add("rec.cos.ap-shanghai.myqcloud.com", InetAddress.getByName("162.14.0.10"),
                InetAddress.getByName("2402:4e00:1::10"));

        assertThat(policy.resolve("rec.cos.ap-shanghai.myqcloud.com")).hasSize(2);
    }

    @Test
    void theRealLocalhostIsRefusedEvenWhenItsNameIsAllowed() {
        DownloadPolicy withLocalhost = new DownloadPolicy(List.of("localhost"), AddressRanges.none(),
                org.apache.hc.client5.http.SystemDefaultDnsResolver.INSTANCE);

        assertThatCode(() -> withLocalhost.checkUrl(URI.create("http://localhost:8080/r.mp3"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> withLocalhost.resolve("localhost"))
                .isInstanceOf(DownloadRefused.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void anOperatorAllowedRangeIsAllowedAndNothingElse() throws Exception {
        DownloadPolicy privateDeployment = new DownloadPolicy(List.of("*.storage.corp.example"),
                AddressRanges.parse(List.of("10.20.0.0/16"), "bridge.download.allowed-addresses"), dns);
        dns.add("a.storage.corp.example", InetAddress.getByName("10.20.3.4"));
        dns.add("b.storage.corp.example", InetAddress.getByName("10.21.3.4"));

        assertThat(privateDeployment.resolve("a.storage.corp.example")).hasSize(1);
        assertThatThrownBy(() -> privateDeployment.resolve("b.storage.corp.example")).isInstanceOf(DownloadRefused.class);
    }

    @Test
    void settingsAreCheckedAtStart() {
        assertThatThrownBy(() -> Settings.bind("bridge.download", DownloadProperties.class,
                Map.of("bridge.download.allowed-addresses[0]", "10.0.0.0/33")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("allowed-addresses must be IP addresses or ranges");
        assertThatThrownBy(() -> Settings.bind("bridge.download", DownloadProperties.class,
                Map.of("bridge.download.allowed-hosts[0]", "http://bucket.example/")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("must be a host name");
    }
}
