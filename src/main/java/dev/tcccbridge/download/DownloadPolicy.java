package dev.tcccbridge.download;

import dev.tcccbridge.http.AddressRanges;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The one place that decides whether the bridge may download from a URL that came with a push:
 * {@code http} or {@code https}; the host one of {@code bridge.download.allowed-hosts}; and every
 * address the host resolves to a public one: never loopback, link-local (cloud metadata at
 * 169.254.169.254), private, carrier-grade NAT, multicast, reserved or unspecified, also when
 * written as IPv6, unless {@code bridge.download.allowed-addresses} allows its range.
 *
 * <p>It is also the HTTP client's {@link DnsResolver}: the addresses it checked are the ones
 * the client connects to, so a name cannot resolve to a public address for the check and to an
 * internal one for the connection. Redirects are checked hop by hop by {@link AudioDownloader}.
 */
public final class DownloadPolicy implements DnsResolver {

    static final String HOSTS_KEY = "bridge.download.allowed-hosts";
    static final String ADDRESSES_KEY = "bridge.download.allowed-addresses";
    static final String MAX_REDIRECTS_KEY = "bridge.download.max-redirects";

    /** Not public unicast, beyond what InetAddress tells: "this network", CGNAT, 240/4, ULA, NAT64. */
    private static final AddressRanges NOT_PUBLIC = AddressRanges.parse(List.of(
            "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4",
            "::/128", "fc00::/7", "2001:db8::/32"), "internal");
    private static final AddressRanges EMBEDDED_IPV4 = AddressRanges.parse(List.of(
            "64:ff9b::/96", "::/96", "2002::/16"), "internal");

    private final List<String> allowedHosts;
    private final AddressRanges allowedAddresses;
    private final DnsResolver dns;

    public DownloadPolicy(DownloadProperties properties) {
        this(properties.allowedHosts(), AddressRanges.parse(properties.allowedAddresses(), ADDRESSES_KEY),
                SystemDefaultDnsResolver.INSTANCE);
    }

    /** @param dns where host names are looked up (the system's resolver, or a test's) */
    DownloadPolicy(List<String> allowedHosts, AddressRanges allowedAddresses, DnsResolver dns) {
        this.allowedHosts = allowedHosts.stream().map(DownloadPolicy::normalise).toList();
        this.allowedAddresses = allowedAddresses;
        this.dns = dns;
    }

    /**
     * The URL's scheme and host, before anything is sent.
     *
     * @throws DownloadRefused naming what is not allowed
     */
    public void checkUrl(URI url) throws DownloadRefused {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DownloadRefused("only http and https links are downloaded, not '" + scheme + ":'");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new DownloadRefused("the link names no host");
        }
        if (!hostAllowed(normalise(host))) {
            throw new DownloadRefused("host " + host + " is not in " + HOSTS_KEY);
        }
    }

    boolean hostAllowed(String host) {
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.")
                    ? host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1
                    : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** The host's addresses, all of them allowed, or a refusal naming the first that is not. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(normalise(host));
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            checkAddress(host, address);
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }

    void checkAddress(String host, InetAddress address) throws DownloadRefused {
        if (allowedAddresses.contains(address)) {
            return;
        }
        String kind = internalKind(address);
        if (kind != null) {
            String shown = address.getHostAddress();
            throw new DownloadRefused("host " + host + (normalise(host).equals(shown) ? "" : " resolves to " + shown)
                    + ", a " + kind + " address (allow its range in " + ADDRESSES_KEY + " if it is meant)");
        }
    }

    /** What makes the address internal, or null for a public unicast address. */
    static String internalKind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (NOT_PUBLIC.contains(address)) {
            return "private or reserved";
        }
        if (address instanceof Inet6Address && EMBEDDED_IPV4.contains(address)) {
            String embedded = internalKind(embeddedIpv4(address.getAddress()));
            return embedded == null ? null : embedded + " (IPv4 inside IPv6)";
        }
        return null;
    }

    /** The IPv4 address in the last 4 bytes (NAT64, IPv4-compatible) or bytes 2..5 (6to4). */
    private static InetAddress embeddedIpv4(byte[] ipv6) {
        int at = ipv6[0] == 0x20 && ipv6[1] == 0x02 ? 2 : 12;
        byte[] ipv4 = {ipv6[at], ipv6[at + 1], ipv6[at + 2], ipv6[at + 3]};
        try {
            return Inet4Address.getByAddress(ipv4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    private static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
