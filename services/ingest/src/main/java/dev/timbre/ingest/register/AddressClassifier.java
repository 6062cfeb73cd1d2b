package dev.timbre.ingest.register;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Says whether an address is one a remote source may live at. Everything that reaches into the
 * cluster, the host or the local network is refused: loopback, RFC 1918 private, link-local, CGNAT
 * (100.64/10), multicast, unspecified, broadcast and reserved/documentation ranges, IPv6 unique-local
 * (fc00::/7), site-local, and every IPv6 form that embeds an IPv4 address (IPv4-mapped, IPv4-compatible,
 * NAT64, 6to4 of a refused address, Teredo).
 *
 * <p>Also parses host names that are numbers in disguise, the way {@code inet_aton} (and so curl, browsers
 * and many libraries) reads them: {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1}.
 */
public final class AddressClassifier {
    private AddressClassifier() {
    }

    /** Empty when the address is public; otherwise what kind of address it is, for the error message. */
    public static Optional<String> whyRefused(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b);
        }
        if (address instanceof Inet6Address) {
            return ipv6(b);
        }
        return Optional.of("unknown address family");
    }

    private static Optional<String> ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return Optional.of("unspecified (0.0.0.0/8)");
        }
        if (a0 == 127) {
            return Optional.of("loopback");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("private (RFC 1918)");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("link-local");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT (100.64.0.0/10)");
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of("multicast");
        }
        if (a0 >= 240) {
            return Optional.of(a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255 ? "broadcast" : "reserved (240.0.0.0/4)");
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return Optional.of("IETF protocol assignment (192.0.0.0/24)");
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return Optional.of("documentation (TEST-NET)");
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return Optional.of("benchmarking (198.18.0.0/15)");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Optional.of("IPv4-mapped IPv6");
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            boolean restZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (restZero && b[15] == 0) {
                return Optional.of("unspecified (::)");
            }
            if (restZero && b[15] == 1) {
                return Optional.of("loopback");
            }
            return Optional.of("IPv4-compatible IPv6");
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return Optional.of("unique-local IPv6 (fc00::/7)");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return Optional.of("link-local");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return Optional.of("site-local IPv6 (fec0::/10)");
        }
        if (b0 == 0xff) {
            return Optional.of("multicast");
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return Optional.of("NAT64 (64:ff9b::/96)");
        }
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            return Optional.of("Teredo (2001::/32)");
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Optional.of("documentation (2001:db8::/32)");
        }
        if (b0 == 0x20 && b1 == 0x02) {
            byte[] embedded = {b[2], b[3], b[4], b[5]};
            Optional<String> inner = ipv4(embedded);
            if (inner.isPresent()) {
                return Optional.of("6to4 of a " + inner.get() + " address");
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a host made only of digits, dots and hex prefixes as an IPv4 address, {@code inet_aton} style
     * (1 to 4 parts; each decimal, {@code 0x} hex or {@code 0}-prefixed octal; the last part fills the
     * remaining bytes). Empty when the host is not such a number.
     */
    public static Optional<Inet4Address> numericIpv4(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.isEmpty() || !h.matches("[0-9a-fx.]+") || !Character.isDigit(h.charAt(0))) {
            return Optional.empty();
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) {
                return Optional.empty();
            }
            values[i] = v;
        }
        long result = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            result |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        int remainingBytes = 4 - (values.length - 1);
        if (last >= (1L << (8 * remainingBytes))) {
            return Optional.empty();
        }
        result |= last;
        byte[] bytes = {(byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result};
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** True for the one unambiguous spelling: four decimal parts 0-255 without leading zeros. */
    public static boolean isCanonicalDottedQuad(String host) {
        return host.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")
                && java.util.Arrays.stream(host.split("\\.")).allMatch(p -> Integer.parseInt(p) <= 255);
    }

    private static Long number(String part) {
        if (part.isEmpty() || part.length() > 12) {
            return null;
        }
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
