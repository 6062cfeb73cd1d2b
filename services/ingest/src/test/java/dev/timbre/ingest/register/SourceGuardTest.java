package dev.timbre.ingest.register;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceGuardTest {
    /** A fake DNS: names resolve to fixed addresses, anything else does not exist. */
    private static SourceGuard.Resolver dns(Map<String, List<String>> names) {
        return host -> {
            List<String> addresses = names.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[addresses.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByName(addresses.get(i));
            }
            return out;
        };
    }

    private static final SourceGuard.Resolver DNS = dns(Map.of(
            "songs.example", List.of("93.184.216.34"),
            "localhost", List.of("127.0.0.1", "::1"),
            "internal.example", List.of("10.1.2.3"),
            "metadata.example", List.of("169.254.169.254"),
            "mixed.example", List.of("93.184.216.34", "127.0.0.1"),
            "cdn.corp", List.of("10.20.30.40"),
            "corp.evil.example", List.of("10.20.30.41"),
            "evilcorp", List.of("10.20.30.42"),
            "v6only.example", List.of("fd00::5")));

    private static SourceGuard guard(String... allowed) {
        return new SourceGuard(List.of(allowed), false, DNS);
    }

    private static RejectedRequestException refused(SourceGuard guard, String url, Rejection expected) {
        RejectedRequestException e = assertThrows(RejectedRequestException.class, () -> guard.check(URI.create(url)), url);
        assertEquals(expected, e.rejection(), url + ": " + e.getMessage());
        return e;
    }

    @Test
    void refusesTheIssuesProbesAndTheirDisguises() {
        SourceGuard guard = guard();
        for (String url : new String[]{"https://127.0.0.1:8085/x", "https://[::1]:8085/x", "https://0x7f000001:8085/x",
                "https://2130706433/x", "https://0177.0.0.1/x", "https://127.1/x", "https://127.0.0.1./x",
                "https://[::ffff:127.0.0.1]/x", "https://[::ffff:7f00:1]/x", "https://[::127.0.0.1]/x",
                "https://[0:0:0:0:0:0:0:1]/x", "https://[fe80::1%25eth0]/x", "https://[::]/x", "https://0.0.0.0/x",
                "https://0/x", "https://localhost:8085/x", "https://LOCALHOST./x", "https://169.254.169.254/latest/meta-data",
                "https://metadata.example/x", "https://internal.example/x", "https://10.0.0.1/x", "https://192.168.0.1/x",
                "https://172.16.5.4/x", "https://100.64.1.1/x", "https://224.0.0.1/x", "https://[fd00::1]/x",
                "https://v6only.example/x", "https://mixed.example/x"}) {
            RejectedRequestException e = refused(guard, url, Rejection.FORBIDDEN_SOURCE);
            assertFalse(e.getMessage().contains("SSL"), e.getMessage());
        }
        assertTrue(refused(guard, "https://0x7f000001:8085/x", Rejection.FORBIDDEN_SOURCE).getMessage().contains("non-standard"));
        assertTrue(refused(guard, "https://localhost/x", Rejection.FORBIDDEN_SOURCE).getMessage().contains("loopback"));
        assertTrue(refused(guard, "https://mixed.example/x", Rejection.FORBIDDEN_SOURCE).getMessage().contains("loopback"),
                "a name with any refused address is refused");
    }

    @Test
    void connectsToTheAddressItChecked() {
        SourceGuard.Target target = guard().check(URI.create("https://songs.example/a/b.wav?x=1"));
        assertEquals("93.184.216.34", target.address().getHostAddress());
        assertEquals(443, target.port());
        assertEquals("songs.example", target.hostHeader());
        assertEquals("/a/b.wav?x=1", target.requestTarget());
        assertEquals("8.8.8.8", guard().check(URI.create("https://8.8.8.8:8443/")).address().getHostAddress());
        assertEquals("[2606:4700::1111]:8443", guard().check(URI.create("https://[2606:4700::1111]:8443/")).hostHeader());
    }

    @Test
    void allowlistByNameWildcardAddressOrRange() {
        assertEquals("10.1.2.3", guard("internal.example").check(URI.create("https://internal.example/x")).address().getHostAddress());
        assertEquals("10.20.30.40", guard("*.corp").check(URI.create("https://cdn.corp/x")).address().getHostAddress());
        assertEquals("10.20.30.40", guard("10.0.0.0/8").check(URI.create("https://cdn.corp/x")).address().getHostAddress());
        assertEquals("127.0.0.1", guard("127.0.0.1").check(URI.create("https://127.0.0.1:9/x")).address().getHostAddress());
        assertEquals("fd00:0:0:0:0:0:0:5", guard("fd00::/8").check(URI.create("https://v6only.example/x")).address().getHostAddress());
        // an allowlist entry opens exactly what it names
        refused(guard("10.0.0.0/8"), "https://192.168.0.1/x", Rejection.FORBIDDEN_SOURCE);
        refused(guard("internal.example"), "https://metadata.example/x", Rejection.FORBIDDEN_SOURCE);
        refused(guard("*.corp"), "https://corp.evil.example/x", Rejection.FORBIDDEN_SOURCE);
        refused(guard("*.corp"), "https://evilcorp/x", Rejection.FORBIDDEN_SOURCE);
        refused(guard("127.0.0.1"), "https://0x7f000001/x", Rejection.FORBIDDEN_SOURCE);
    }

    @Test
    void schemesCredentialsAndBadHosts() {
        refused(guard(), "http://songs.example/x", Rejection.FORBIDDEN_SOURCE);
        assertEquals(80, new SourceGuard(List.of(), true, DNS).check(URI.create("http://songs.example/x")).port());
        refused(guard(), "ftp://songs.example/x", Rejection.FORBIDDEN_SOURCE);
        refused(guard(), "https://user:secret@songs.example/x", Rejection.INVALID);
        refused(guard(), "https://999.1.1.1/x", Rejection.INVALID);
        refused(guard(), "https://nowhere.example/x", Rejection.SOURCE_UNAVAILABLE);
        refused(guard(), "https://a_b/x", Rejection.INVALID);
    }
}
