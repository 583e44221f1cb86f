package dev.tcccbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRangesTest {

    private final AddressRanges ranges = AddressRanges.parse(List.of("10.20.0.0/16", "203.0.113.7", "2001:db8:ab::/48"),
            "bridge.example");

    @Test
    void addressesInsideAndOutside() {
        assertThat(ranges.contains(AddressRanges.literal("10.20.255.1"))).isTrue();
        assertThat(ranges.contains(AddressRanges.literal("10.21.0.1"))).isFalse();
        assertThat(ranges.contains(AddressRanges.literal("203.0.113.7"))).isTrue();
        assertThat(ranges.contains(AddressRanges.literal("203.0.113.8"))).isFalse();
        assertThat(ranges.contains(AddressRanges.literal("2001:db8:ab:1::5"))).isTrue();
        assertThat(ranges.contains(AddressRanges.literal("2001:db8:ac::5"))).isFalse();
        assertThat(ranges.contains(AddressRanges.literal("::ffff:10.20.1.1"))).as("IPv4 written as IPv6").isTrue();
    }

    @Test
    void literalsOnlyNeverALookup() {
        assertThat(AddressRanges.literal("localhost")).isNull();
        assertThat(AddressRanges.literal("cafe.example")).isNull();
        assertThat(AddressRanges.literal("beef")).isNull();
        assertThat(AddressRanges.literal("")).isNull();
        assertThat(AddressRanges.literal("[::1]")).isNotNull();
    }

    @Test
    void unreadableRangesNameTheSetting() {
        assertThatThrownBy(() -> AddressRanges.parse(List.of("10.0.0.0/8", "ten.example"), "bridge.tccc.push.allowed-sources"))
                .hasMessageContaining("bridge.tccc.push.allowed-sources: 'ten.example' is not an IP address or range");
        assertThatThrownBy(() -> AddressRanges.parse(List.of("10.0.0.0/40"), "bridge.x"))
                .hasMessageContaining("prefix length outside 0..32");
        assertThat(AddressRanges.parse(List.of(), "bridge.x").isEmpty()).isTrue();
    }
}
