package dev.tcccbridge.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tcccbridge.download.AudioDownload.Outcome;
import dev.tcccbridge.http.AddressRanges;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.impl.InMemoryDnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The downloader against a local HTTP server standing in for a recording store, an attacker's
 * server, or an internal service. Names are resolved by the test, so a "TCCC storage" name can
 * point at loopback or at the cloud metadata address; loopback itself is allowed only where a
 * test says so (as an operator would for a private store).
 */
class AudioDownloaderTest {

    static final WireMockServer SERVER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final Duration DEADLINE = Duration.ofMillis(800);
    static final byte[] AUDIO = audio(2048);

    private final InMemoryDnsResolver dns = new InMemoryDnsResolver();
    private AudioDownloader operatorAllowsLoopback;
    private AudioDownloader defaults;

    @BeforeAll
    static void start() {
        SERVER.start();
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @BeforeEach
    void setUp() throws Exception {
        SERVER.resetAll();
        dns.add("localhost", InetAddress.getByName("127.0.0.1"));
        List<String> hosts = List.of("localhost", "*.myqcloud.com");
        operatorAllowsLoopback = new AudioDownloader(new DownloadPolicy(hosts,
                AddressRanges.parse(List.of("127.0.0.0/8"), "bridge.download.allowed-addresses"), dns), 3);
        defaults = new AudioDownloader(new DownloadPolicy(hosts, AddressRanges.none(), dns), 3);
    }

    @AfterEach
    void tearDown() throws Exception {
        operatorAllowsLoopback.destroy();
        defaults.destroy();
    }

    @Test
    void audioFromAnAllowedStoreIsDownloaded() throws Exception {
        serveAudio("/r/customer.mp3");

        AudioDownload download = operatorAllowsLoopback.download(local("/r/customer.mp3"), DEADLINE, 64 * 1024, "x");

        assertThat(download.outcome()).as(download.problem()).isEqualTo(Outcome.DOWNLOADED);
        assertThat(Files.readAllBytes(download.file())).isEqualTo(AUDIO);
        AudioDownloader.deleteQuietly(download.file());
    }

    @Test
    void directInternalAddressIsRefusedWithoutARequest() {
        serveAudio("/admin/inbox/dead");

        AudioDownload download = defaults.download(URI.create("http://localhost:" + SERVER.port() + "/admin/inbox/dead"),
                DEADLINE, 64 * 1024, "x");

        assertThat(download.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(download.problem()).contains("the link is refused", "127.0.0.1, a loopback address");
        SERVER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void storageNameResolvingToLoopbackIsRefusedWithoutARequest() throws Exception {
        dns.add("recorder-1.cos.ap-shanghai.myqcloud.com", InetAddress.getByName("127.0.0.1"));
        serveAudio("/def/month12");

        AudioDownload download = defaults.download(
                URI.create("http://recorder-1.cos.ap-shanghai.myqcloud.com:" + SERVER.port() + "/def/month12"),
                DEADLINE, 64 * 1024, "x");

        assertThat(download.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(download.problem()).contains("recorder-1.cos.ap-shanghai.myqcloud.com resolves to 127.0.0.1");
        SERVER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void redirectToTheCloudMetadataAddressIsRefused() throws Exception {
        dns.add("meta.cos.ap-shanghai.myqcloud.com", InetAddress.getByName("169.254.169.254"));
        redirect("/r/moved.mp3", "http://meta.cos.ap-shanghai.myqcloud.com/latest/meta-data/iam/security-credentials/");

        AudioDownload download = operatorAllowsLoopback.download(local("/r/moved.mp3"), DEADLINE, 64 * 1024, "x");

        assertThat(download.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(download.problem()).contains("resolves to 169.254.169.254, a link-local address");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://internal-billing.corp/export.csv | host internal-billing.corp is not in bridge.download.allowed-hosts",
            "http://10.0.0.5/secrets                 | host 10.0.0.5 is not in bridge.download.allowed-hosts",
            "file:///etc/passwd                      | only http and https"})
    void redirectsWhereTheLinkItselfCouldNotGoAreRefused(String location, String reason) {
        redirect("/r/moved.mp3", location);

        AudioDownload download = operatorAllowsLoopback.download(local("/r/moved.mp3"), DEADLINE, 64 * 1024, "x");

        assertThat(download.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(download.problem()).contains(reason);
    }

    @Test
    void threeRedirectsAreFollowedAFourthIsNot() {
        redirect("/hop1", "/hop2");
        redirect("/hop2", "/hop3");
        redirect("/hop3", "/r/final.mp3");
        serveAudio("/r/final.mp3");
        redirect("/hop0", "/hop1");

        AudioDownload three = operatorAllowsLoopback.download(local("/hop1"), DEADLINE, 64 * 1024, "x");
        AudioDownload four = operatorAllowsLoopback.download(local("/hop0"), DEADLINE, 64 * 1024, "x");

        assertThat(three.outcome()).as(three.problem()).isEqualTo(Outcome.DOWNLOADED);
        assertThat(three.fileName()).isEqualTo("final.mp3");
        AudioDownloader.deleteQuietly(three.file());
        assertThat(four.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(four.problem()).contains("more than 3 redirects");
    }

    @Test
    void aBodyDrippedSlowerThanTheDeadlineIsDroppedAtTheDeadline() {
        // each chunk arrives well within any read timeout; the whole takes 10 s
        SERVER.stubFor(get(urlPathEqualTo("/r/drip.mp3")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(AUDIO)
                .withChunkedDribbleDelay(50, 10_000)));

        AudioDownload download = operatorAllowsLoopback.download(local("/r/drip.mp3"), DEADLINE, 64 * 1024, "x");

        assertThat(download.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(download.problem()).isEqualTo("the download took longer than 800 ms");
    }

    @Test
    void aServerThatHoldsItsHeadersIsDroppedAtTheDeadline() {
        SERVER.stubFor(get(urlPathEqualTo("/r/held.mp3")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(AUDIO).withFixedDelay(10_000)));

        AudioDownload download = operatorAllowsLoopback.download(local("/r/held.mp3"), DEADLINE, 64 * 1024, "x");

        assertThat(download.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(download.problem()).isEqualTo("the download took longer than 800 ms");
    }

    @Test
    void redirectsShareOneDeadline() {
        SERVER.stubFor(get(urlPathEqualTo("/slow-hop")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/slow-hop-2").withFixedDelay(500)));
        SERVER.stubFor(get(urlPathEqualTo("/slow-hop-2")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/r/final.mp3").withFixedDelay(500)));
        serveAudio("/r/final.mp3");

        AudioDownload download = operatorAllowsLoopback.download(local("/slow-hop"), DEADLINE, 64 * 1024, "x");

        assertThat(download.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(download.problem()).isEqualTo("the download took longer than 800 ms");
    }

    @Test
    void sizeLimitAsBefore() {
        serveAudio("/r/big.mp3");

        AudioDownload download = operatorAllowsLoopback.download(local("/r/big.mp3"), DEADLINE, AUDIO.length - 1, "x");

        assertThat(download.outcome()).isEqualTo(Outcome.TOO_LARGE);
    }

    private static URI local(String path) {
        return URI.create("http://localhost:" + SERVER.port() + path);
    }

    private static void serveAudio(String path) {
        SERVER.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(AUDIO)));
    }

    private static void redirect(String path, String location) {
        SERVER.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(302).withHeader("Location", location)));
    }

    private static byte[] audio(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 0x55);
        return bytes;
    }
}
