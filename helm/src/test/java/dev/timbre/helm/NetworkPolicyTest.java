package dev.timbre.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NetworkPolicies as helm renders them, checked by their selectors against the pods the chart runs:
 * default deny for the release, ingest reachable from the ingress namespace, recommendation only from ingest and
 * its own pods, egress only to DNS, Kafka, the registry (and a blob store / sources when configured); and the
 * service-token Secret wired into exactly ingest and recommendation.
 */
class NetworkPolicyTest {

    private static Map<String, String> podLabels(Manifests m, String component) {
        return m.all().stream()
                .filter(r -> r.getMetadata().getName().equals(Chart.RELEASE + "-" + component))
                .filter(r -> r instanceof io.fabric8.kubernetes.api.model.apps.Deployment
                        || r instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet)
                .map(r -> r instanceof io.fabric8.kubernetes.api.model.apps.Deployment d
                        ? d.getSpec().getTemplate().getMetadata().getLabels()
                        : ((io.fabric8.kubernetes.api.model.apps.StatefulSet) r).getSpec().getTemplate().getMetadata().getLabels())
                .findFirst().orElseThrow(() -> new AssertionError("no workload for " + component));
    }

    /** matchLabels semantics (the chart uses no matchExpressions). */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertTrue(selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    private static List<NetworkPolicy> policiesSelecting(Manifests m, String component) {
        Map<String, String> labels = podLabels(m, component);
        return m.all(NetworkPolicy.class).stream().filter(p -> selects(p.getSpec().getPodSelector(), labels)).toList();
    }

    private static Set<Integer> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
    }

    /** Which components' pods a peer list admits (pod selectors within the namespace only). */
    private static Set<String> podPeers(Manifests m, List<NetworkPolicyPeer> peers) {
        return DefaultValuesTest.ALL.stream()
                .filter(c -> peers.stream().anyMatch(p -> p.getNamespaceSelector() == null && p.getIpBlock() == null
                        && p.getPodSelector() != null && selects(p.getPodSelector(), podLabels(m, c))))
                .collect(Collectors.toSet());
    }

    @Test
    void everyPodIsDefaultDenyInBothDirections() {
        Manifests m = Chart.render().manifests();
        NetworkPolicy deny = m.get(NetworkPolicy.class, Chart.RELEASE + "-default-deny");
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertTrue(deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty());
        assertTrue(deny.getSpec().getEgress() == null || deny.getSpec().getEgress().isEmpty());
        for (String component : DefaultValuesTest.ALL) {
            assertTrue(selects(deny.getSpec().getPodSelector(), podLabels(m, component)), component);
        }
    }

    @Test
    void ingestIsReachableOnlyFromTheIngressNamespace() {
        Manifests m = Chart.render().manifests();
        List<NetworkPolicyIngressRule> rules = policiesSelecting(m, "ingest").stream()
                .flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty() : p.getSpec().getIngress().stream())
                .toList();
        assertEquals(1, rules.size(), rules.toString());
        NetworkPolicyIngressRule rule = rules.get(0);
        assertEquals(Set.of(8080), ports(rule.getPorts()));
        assertEquals(1, rule.getFrom().size());
        NetworkPolicyPeer peer = rule.getFrom().get(0);
        assertNull(peer.getPodSelector());
        assertEquals(Map.of("kubernetes.io/metadata.name", "ingress-nginx"), peer.getNamespaceSelector().getMatchLabels());

        Manifests custom = Chart.render()
                .set("networkPolicy.ingest.ingressNamespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "traefik")
                .manifests();
        NetworkPolicy ingest = custom.get(NetworkPolicy.class, Chart.RELEASE + "-ingest");
        assertEquals("traefik", ingest.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector()
                .getMatchLabels().get("kubernetes.io/metadata.name"));
    }

    @Test
    void recommendationOnlyFromIngestAndItsOwnPods() {
        Manifests m = Chart.render().manifests();
        List<NetworkPolicyIngressRule> rules = policiesSelecting(m, "recommendation").stream()
                .flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty() : p.getSpec().getIngress().stream())
                .toList();
        assertEquals(1, rules.size());
        assertEquals(Set.of(8083), ports(rules.get(0).getPorts()));
        assertTrue(rules.get(0).getFrom().stream().allMatch(p -> p.getNamespaceSelector() == null && p.getIpBlock() == null),
                "no other namespace, no address range");
        assertEquals(Set.of("ingest", "recommendation"), podPeers(m, rules.get(0).getFrom()));
        // ingest may call it, and recommendation pods each other (forwarding); nothing else gets an egress to it
        for (String component : DefaultValuesTest.ALL) {
            boolean reaches = policiesSelecting(m, component).stream()
                    .flatMap(p -> p.getSpec().getEgress() == null ? java.util.stream.Stream.empty() : p.getSpec().getEgress().stream())
                    .anyMatch(e -> e.getTo() != null && podPeers(m, e.getTo()).contains("recommendation"));
            assertEquals(Set.of("ingest", "recommendation").contains(component), reaches, component);
        }
        // feature-extraction and classification serve no one
        for (String component : List.of("feature-extraction", "classification")) {
            assertTrue(policiesSelecting(m, component).stream().allMatch(p -> p.getSpec().getIngress() == null
                    || p.getSpec().getIngress().isEmpty()), component);
        }
    }

    @Test
    void egressOnlyToDnsKafkaAndTheRegistryByDefault() {
        Manifests m = Chart.render().manifests();
        for (String component : DefaultValuesTest.ALL) {
            List<NetworkPolicyEgressRule> egress = policiesSelecting(m, component).stream()
                    .flatMap(p -> p.getSpec().getEgress() == null ? java.util.stream.Stream.empty() : p.getSpec().getEgress().stream())
                    .toList();
            Set<Integer> allPorts = egress.stream().flatMap(e -> ports(e.getPorts()).stream()).collect(Collectors.toSet());
            Set<Integer> expected = component.equals("ingest") || component.equals("recommendation")
                    ? Set.of(53, 9092, 9093, 8081, 8083) : Set.of(53, 9092, 9093, 8081);
            assertEquals(expected, allPorts, component);
            NetworkPolicyEgressRule dns = egress.stream().filter(e -> ports(e.getPorts()).contains(53)).findFirst().orElseThrow();
            assertEquals(Set.of("UDP", "TCP"), dns.getPorts().stream().map(NetworkPolicyPort::getProtocol).collect(Collectors.toSet()));
            assertEquals("kube-system", dns.getTo().get(0).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
            assertTrue(egress.stream().noneMatch(e -> ports(e.getPorts()).contains(443)), component + ": no way out to the internet");
        }
    }

    @Test
    void destinationsAreConfigurable() {
        Manifests m = Chart.render().values(Chart.valuesFile("../src/test/resources/network-policy-values.yaml")).manifests();
        NetworkPolicy platform = m.get(NetworkPolicy.class, Chart.RELEASE + "-platform-egress");
        NetworkPolicyEgressRule kafka = platform.getSpec().getEgress().stream().filter(e -> ports(e.getPorts()).contains(9092))
                .findFirst().orElseThrow();
        assertEquals("10.40.0.0/16", kafka.getTo().get(0).getIpBlock().getCidr());
        NetworkPolicyEgressRule registry = platform.getSpec().getEgress().stream().filter(e -> ports(e.getPorts()).contains(8081))
                .findFirst().orElseThrow();
        assertEquals("kafka", registry.getTo().get(0).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        NetworkPolicy ingest = m.get(NetworkPolicy.class, Chart.RELEASE + "-ingest");
        assertTrue(ingest.getSpec().getEgress().stream().anyMatch(e -> ports(e.getPorts()).equals(Set.of(443))
                && e.getTo().get(0).getIpBlock().getCidr().equals("203.0.113.0/24")), "https sources");
        assertTrue(ingest.getSpec().getEgress().stream().anyMatch(e -> ports(e.getPorts()).equals(Set.of(9000))), "blob store");
        NetworkPolicy features = m.get(NetworkPolicy.class, Chart.RELEASE + "-feature-extraction");
        assertEquals(Set.of(9000), ports(features.getSpec().getEgress().get(0).getPorts()));
        assertEquals("monitoring", features.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector()
                .getMatchLabels().get("kubernetes.io/metadata.name"));
        assertEquals(Set.of(8081), ports(features.getSpec().getIngress().get(0).getPorts()));

        Manifests off = Chart.render().set("networkPolicy.enabled", false).manifests();
        assertTrue(off.all(NetworkPolicy.class).isEmpty());
    }

    @Test
    void serviceTokensReachIngestAndRecommendationOnly() {
        Manifests m = Chart.render().set("serviceAuth.tokens", "tok-new-0123456789abcdefghij,tok-old-0123456789abcdefghij").manifests();
        Secret secret = m.get(Secret.class, Chart.RELEASE + "-service-auth");
        assertEquals("tok-new-0123456789abcdefghij,tok-old-0123456789abcdefghij",
                new String(Base64.getDecoder().decode(secret.getData().get("tokens")), StandardCharsets.UTF_8));
        for (String component : DefaultValuesTest.ALL) {
            EnvVar tokens = m.env(component).get("TIMBRE_SERVICE_AUTH_TOKENS");
            if (component.equals("ingest") || component.equals("recommendation")) {
                assertEquals(Chart.RELEASE + "-service-auth", tokens.getValueFrom().getSecretKeyRef().getName(), component);
                assertEquals("tokens", tokens.getValueFrom().getSecretKeyRef().getKey());
            } else {
                assertNull(tokens, component);
            }
        }
        // generated when not given: long and random
        String generated = new String(Base64.getDecoder().decode(Chart.render().manifests()
                .get(Secret.class, Chart.RELEASE + "-service-auth").getData().get("tokens")), StandardCharsets.UTF_8);
        assertEquals(48, generated.length());
        // a Secret of your own
        Manifests own = Chart.render().set("serviceAuth.existingSecret", "my-tokens").manifests();
        assertFalse(own.find(Secret.class, Chart.RELEASE + "-service-auth").isPresent());
        assertEquals("my-tokens", own.env("recommendation").get("TIMBRE_SERVICE_AUTH_TOKENS").getValueFrom().getSecretKeyRef().getName());
    }
}
