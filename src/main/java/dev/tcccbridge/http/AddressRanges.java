package dev.tcccbridge.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of IP address ranges in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a
 * single address), parsed once at start; matching an address costs no allocation. An IPv4
 * address written as IPv6 ({@code ::ffff:10.1.2.3}) is the IPv4 address, as Java reads it.
 */
public final class AddressRanges {

    private static final AddressRanges NONE = new AddressRanges(List.of());

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static AddressRanges none() {
        return NONE;
    }

    /**
     * @param key the setting the ranges come from, named when one cannot be read
     * @throws IllegalArgumentException naming the setting and the value that is not a range
     */
    public static AddressRanges parse(List<String> cidrs, String key) {
        if (cidrs == null || cidrs.isEmpty()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>(cidrs.size());
        for (String cidr : cidrs) {
            ranges.add(Range.parse(cidr == null ? "" : cidr.strip(), key));
        }
        return new AddressRanges(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An IP address written as text (what the servlet container reports as the peer), or null
     * when the text is not an IP literal. Never a DNS lookup.
     */
    public static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || !isLiteralText(text)) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** Digits, dots, colons, brackets, hex digits in IPv6, a zone after %: what IP literals are made of. */
    private static boolean isLiteralText(String text) {
        int zone = text.indexOf('%');
        int end = zone < 0 ? text.length() : zone;
        boolean colon = false;
        boolean hexLetter = false;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                colon = true;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hexLetter = true;
            } else if (!(c >= '0' && c <= '9') && c != '.' && c != '[' && c != ']') {
                return false;
            }
        }
        return colon || (!hexLetter && zone < 0);
    }

    @Override
    public String toString() {
        return ranges.toString();
    }

    private record Range(byte[] network, int prefix, String text) {

        static Range parse(String cidr, String key) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            InetAddress address = literal(host);
            if (address == null) {
                throw new IllegalArgumentException(key + ": '" + cidr + "' is not an IP address or range "
                        + "(CIDR notation, e.g. 10.0.0.0/8 or 2001:db8::/32)");
            }
            byte[] network = address.getAddress();
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(key + ": '" + cidr + "' has a prefix length outside 0.."
                            + bits);
                }
            }
            return new Range(network, prefix, cidr);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (address[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
