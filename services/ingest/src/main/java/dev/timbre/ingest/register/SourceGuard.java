package dev.timbre.ingest.register;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, for one URL (the source or a redirect target), which single address ingest will connect to,
 * or refuses it. The host is resolved once here and the connection goes to exactly the address that was
 * checked, so a DNS answer that changes between check and use (rebinding) cannot redirect the fetch.
 */
final class SourceGuard {
    /** Where to connect: the checked address, plus the name for the Host header, SNI and certificate check. */
    record Target(URI uri, boolean tls, String host, InetAddress address, int port) {
        String hostHeader() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return (tls && port == 443) || (!tls && port == 80) ? h : h + ":" + port;
        }

        String requestTarget() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** Looks host names up; replaceable in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> allowedNames = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final boolean allowPlainHttp;
    private final Resolver resolver;

    SourceGuard(List<String> allowedHosts, boolean allowPlainHttp, Resolver resolver) {
        for (String entry : allowedHosts) {
            String e = entry.toLowerCase(Locale.ROOT);
            Optional<Cidr> cidr = Cidr.parse(e);
            if (cidr.isPresent()) {
                allowedRanges.add(cidr.get());
            } else {
                allowedNames.add(stripDot(e));
            }
        }
        this.allowPlainHttp = allowPlainHttp;
        this.resolver = resolver;
    }

    Target check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls;
        if (scheme.equals("https")) {
            tls = true;
        } else if (scheme.equals("http")) {
            if (!allowPlainHttp) {
                throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "plain http sources are disabled; use https");
            }
            tls = false;
        } else {
            throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "a source may only redirect to https:// URLs");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RejectedRequestException(Rejection.INVALID, "credentials in source URLs are not accepted");
        }
        String rawHost = uri.getHost();
        int port = uri.getPort();
        if (rawHost == null) {
            // java.net.URI gives up on hosts like 0x7f000001 (a label may not start with a digit): read the
            // authority ourselves, so that a number in disguise is recognised and refused as such
            String authority = uri.getRawAuthority();
            if (authority != null && authority.matches("[0-9a-zA-Z.]+(:[0-9]{0,5})?")) {
                String[] hp = authority.split(":", 2);
                if (AddressClassifier.numericIpv4(stripDot(hp[0])).isPresent()) {
                    throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "the source host '" + hp[0]
                            + "' is a numeric address in a non-standard form (hex, octal or shortened); write it as a.b.c.d");
                }
            }
            throw new RejectedRequestException(Rejection.INVALID, "the source URL has no valid host name");
        }
        port = port == -1 ? (tls ? 443 : 80) : port;
        if (port < 1 || port > 65535) {
            throw new RejectedRequestException(Rejection.INVALID, "the source URL's port is out of range");
        }
        String host = stripDot(rawHost.toLowerCase(Locale.ROOT));
        InetAddress address;
        if (host.startsWith("[")) {
            address = ipv6Literal(host.substring(1, host.length() - 1));
            host = host.substring(1, host.length() - 1);
        } else if (AddressClassifier.numericIpv4(host).isPresent()) {
            if (!AddressClassifier.isCanonicalDottedQuad(host)) {
                throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "the source host '" + rawHost
                        + "' is a numeric address in a non-standard form (hex, octal or shortened); write it as a.b.c.d");
            }
            address = AddressClassifier.numericIpv4(host).get();
        } else if (host.matches("[0-9.]+")) {
            throw new RejectedRequestException(Rejection.INVALID, "the source host '" + rawHost + "' is not a valid address");
        } else {
            address = resolveName(host, rawHost);
        }
        if (!allowed(host, address)) {
            Optional<String> why = AddressClassifier.whyRefused(address);
            if (why.isPresent()) {
                throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "the source host '" + rawHost
                        + "' is a " + why.get() + " address; only public addresses are fetched"
                        + " (an operator can allow it with timbre.ingest.fetch.allowed-hosts)");
            }
        }
        return new Target(uri, tls, host, address, port);
    }

    /** Every address the name has must be acceptable (unless allowlisted): the first one is used. */
    private InetAddress resolveName(String host, String rawHost) {
        InetAddress[] all;
        try {
            all = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "the source host '" + rawHost + "' does not resolve");
        }
        if (all == null || all.length == 0) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "the source host '" + rawHost + "' does not resolve");
        }
        if (!nameAllowed(host)) {
            for (InetAddress a : all) {
                Optional<String> why = AddressClassifier.whyRefused(a);
                if (why.isPresent() && !rangeAllowed(a)) {
                    throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "the source host '" + rawHost
                            + "' resolves to a " + why.get() + " address; only public addresses are fetched"
                            + " (an operator can allow it with timbre.ingest.fetch.allowed-hosts)");
                }
            }
        }
        return all[0];
    }

    private static InetAddress ipv6Literal(String literal) {
        if (literal.contains("%")) {
            throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "IPv6 zone ids are not accepted in sources");
        }
        if (!literal.matches("[0-9a-f:.]+")) {
            throw new RejectedRequestException(Rejection.INVALID, "the source host is not a valid IPv6 address");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new RejectedRequestException(Rejection.INVALID, "the source host is not a valid IPv6 address");
        }
        if (address instanceof Inet4Address) {
            // the JDK turns ::ffff:a.b.c.d into an IPv4 address; such a literal only ever hides one
            throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE,
                    "the source host is an IPv4-mapped IPv6 address; only public addresses are fetched");
        }
        return address;
    }

    private boolean allowed(String host, InetAddress address) {
        return nameAllowed(host) || rangeAllowed(address);
    }

    private boolean nameAllowed(String host) {
        for (String name : allowedNames) {
            if (name.startsWith("*.") ? host.endsWith(name.substring(1)) : host.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean rangeAllowed(InetAddress address) {
        return allowedRanges.stream().anyMatch(r -> r.contains(address));
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** An address range: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address. */
    record Cidr(byte[] network, int bits) {
        static Optional<Cidr> parse(String text) {
            String[] parts = text.split("/", 2);
            String addr = parts[0].replace("[", "").replace("]", "");
            boolean literal = AddressClassifier.isCanonicalDottedQuad(addr) || (addr.contains(":") && addr.matches("[0-9a-f:.]+"));
            if (!literal) {
                return Optional.empty();
            }
            try {
                byte[] bytes = InetAddress.getByName(addr).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in timbre.ingest.fetch.allowed-hosts: " + text);
                }
                return Optional.of(new Cidr(bytes, bits));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("bad entry in timbre.ingest.fetch.allowed-hosts: " + text);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    static boolean isIpv6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
