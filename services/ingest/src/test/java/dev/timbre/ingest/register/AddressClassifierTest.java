package dev.timbre.ingest.register;

import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressClassifierTest {

    private static void refused(String literal, String kind) throws Exception {
        var why = AddressClassifier.whyRefused(InetAddress.getByName(literal));
        assertTrue(why.isPresent(), literal + " must be refused");
        assertTrue(why.get().contains(kind), literal + ": " + why.get());
    }

    private static void accepted(String literal) throws Exception {
        assertEquals(java.util.Optional.empty(), AddressClassifier.whyRefused(InetAddress.getByName(literal)), literal);
    }

    @Test
    void refusesEveryNonPublicIpv4Range() throws Exception {
        refused("127.0.0.1", "loopback");
        refused("127.255.255.254", "loopback");
        refused("10.0.0.1", "RFC 1918");
        refused("172.16.0.1", "RFC 1918");
        refused("172.31.255.255", "RFC 1918");
        refused("192.168.1.1", "RFC 1918");
        refused("169.254.169.254", "link-local");
        refused("100.64.0.1", "carrier-grade NAT");
        refused("100.127.255.255", "carrier-grade NAT");
        refused("224.0.0.1", "multicast");
        refused("239.255.255.250", "multicast");
        refused("0.0.0.0", "unspecified");
        refused("0.1.2.3", "unspecified");
        refused("255.255.255.255", "broadcast");
        refused("240.0.0.1", "reserved");
        refused("192.0.2.10", "documentation");
        refused("198.18.0.1", "benchmarking");
    }

    @Test
    void acceptsPublicIpv4IncludingTheEdgesOfRefusedRanges() throws Exception {
        accepted("8.8.8.8");
        accepted("1.1.1.1");
        accepted("172.15.255.255");
        accepted("172.32.0.0");
        accepted("100.63.255.255");
        accepted("100.128.0.0");
        accepted("169.253.255.255");
        accepted("11.0.0.0");
        accepted("223.255.255.255");
    }

    @Test
    void refusesIpv6LocalRangesAndEveryFormThatEmbedsIpv4() throws Exception {
        refused("::1", "loopback");
        refused("::", "unspecified");
        refused("fe80::1", "link-local");
        refused("fc00::1", "unique-local");
        refused("fd12:3456::1", "unique-local");
        refused("fec0::1", "site-local");
        refused("ff02::1", "multicast");
        refused("::127.0.0.1", "IPv4-compatible");
        refused("::8.8.8.8", "IPv4-compatible");
        refused("64:ff9b::7f00:1", "NAT64");
        refused("2002:7f00:1::", "6to4");
        refused("2001:0:4136:e378::1", "Teredo");
        refused("2001:db8::1", "documentation");
        // the JDK folds ::ffff:a.b.c.d into IPv4 when parsing; an Inet6Address holding such bytes is refused too
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertEquals("IPv4-mapped IPv6", AddressClassifier.whyRefused(Inet6Address.getByAddress(null, mapped, -1)).orElseThrow());
    }

    @Test
    void acceptsPublicIpv6() throws Exception {
        accepted("2606:4700:4700::1111");
        accepted("2a00:1450:4001:81b::200e");
        accepted("2002:808:808::1"); // 6to4 of 8.8.8.8
    }

    @Test
    void readsNumbersInDisguiseTheWayInetAtonDoes() {
        String loopback = "127.0.0.1";
        for (String form : new String[]{"2130706433", "0x7f000001", "0X7F000001", "0177.0.0.1", "127.1", "127.0.1",
                "0x7f.1", "017700000001", "0x7f.0x0.0x0.0x1", "127.000.000.001"}) {
            assertEquals(loopback, AddressClassifier.numericIpv4(form).orElseThrow(() -> new AssertionError(form)).getHostAddress(), form);
        }
        assertEquals("169.254.169.254", AddressClassifier.numericIpv4("2852039166").orElseThrow().getHostAddress());
        assertEquals("10.0.0.1", AddressClassifier.numericIpv4("012.0.0.1").orElseThrow().getHostAddress());
        for (String notNumeric : new String[]{"example.com", "deadbeef", "1.2.3.4.5", "256.1.1.1", "1.2.3.256",
                "4294967296", "1..2", "", "08.1.1.1", "0xg.1.1.1"}) {
            assertFalse(AddressClassifier.numericIpv4(notNumeric).isPresent(), notNumeric);
        }
    }

    @Test
    void onlyPlainDottedDecimalIsCanonical() {
        assertTrue(AddressClassifier.isCanonicalDottedQuad("127.0.0.1"));
        assertTrue(AddressClassifier.isCanonicalDottedQuad("8.8.8.8"));
        assertFalse(AddressClassifier.isCanonicalDottedQuad("127.000.0.1"));
        assertFalse(AddressClassifier.isCanonicalDottedQuad("127.1"));
        assertFalse(AddressClassifier.isCanonicalDottedQuad("0x7f.0.0.1"));
        assertFalse(AddressClassifier.isCanonicalDottedQuad("256.0.0.1"));
    }
}
