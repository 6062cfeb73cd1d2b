package dev.timbre.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** values-production.yaml: SASL_SSL, registry with basic auth, private image registry, 3 replicas, GPU inference. */
class ProductionValuesTest {

    private static Manifests manifests;

    @BeforeAll
    static void render() {
        manifests = Chart.render().values(Chart.valuesFile("values-production.yaml")).manifests();
    }

    @Test
    void kafkaIsReachedOverSaslSslWithTheRegistryBehindBasicAuth() {
        Map<String, String> data = manifests.get(ConfigMap.class, "timbre-kafka").getData();
        assertEquals("SASL_SSL", data.get("KAFKA_SECURITY_PROTOCOL"));
        assertEquals("SCRAM-SHA-512", data.get("KAFKA_SASL_MECHANISM"));
        assertTrue(data.get("KAFKA_BOOTSTRAP_SERVERS").split(",").length == 3);
        assertEquals("https://schema-registry.example.com", data.get("SCHEMA_REGISTRY_URL"));
        assertEquals("USER_INFO", data.get("SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE"));
        assertFalse(data.values().stream().anyMatch(v -> v.contains("password") || v.contains("change-me")),
                "credentials never go into the ConfigMap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "feature-extraction", "classification", "recommendation"})
    void credentialsComeFromSecrets(String component) {
        Map<String, EnvVar> env = manifests.env(component);
        SecretKeySelector jaas = env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
        assertEquals("timbre-kafka-credentials", jaas.getName(), "the user's existingSecret");
        assertEquals("sasl-jaas-config", jaas.getKey());

        SecretKeySelector userInfo = env.get("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO").getValueFrom().getSecretKeyRef();
        Secret secret = manifests.get(Secret.class, userInfo.getName());
        String decoded = new String(Base64.getDecoder().decode(secret.getData().get(userInfo.getKey())),
                StandardCharsets.UTF_8);
        assertEquals("timbre:change-me", decoded);
    }

    @Test
    void ingestApiKeysComeFromTheExistingSecret() {
        assertEquals("timbre-ingest-api-keys", manifests.env("ingest").get("TIMBRE_SECURITY_API_KEYS")
                .getValueFrom().getSecretKeyRef().getName());
    }

    @Test
    void noChartSecretShadowsAnExistingOne() {
        assertEquals(List.of("timbre-registry-auth"), manifests.names(Secret.class));
    }

    @Test
    void everythingRunsThreeReplicasWithStandbysForTheStreamsState() {
        for (String component : DefaultValuesTest.STATELESS) {
            HorizontalPodAutoscaler hpa = manifests.get(HorizontalPodAutoscaler.class, "timbre-" + component);
            assertEquals(3, hpa.getSpec().getMinReplicas(), component);
        }
        StatefulSet sts = manifests.get(StatefulSet.class, "timbre-recommendation");
        assertEquals(3, sts.getSpec().getReplicas());
        assertEquals("1", manifests.env("recommendation").get("TIMBRE_RECOMMENDATION_STANDBY_REPLICAS").getValue());
        PersistentVolumeClaim state = sts.getSpec().getVolumeClaimTemplates().get(0);
        assertEquals("gp3", state.getSpec().getStorageClassName());
        assertEquals(new Quantity("20Gi"), state.getSpec().getResources().getRequests().get("storage"));
        assertFalse(sts.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty(), "a standby must not share the node");
    }

    @Test
    void classificationRequestsAGpuAndUsesTheGpuImage() {
        Container container = manifests.container("classification");
        assertEquals(new Quantity("1"), container.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(new Quantity("6Gi"), container.getResources().getLimits().get("memory"), "user limits kept");
        assertEquals("gpu", manifests.env("classification").get("TIMBRE_CLASSIFICATION_ENGINE_DEVICE").getValue());
        assertEquals("registry.example.com/timbre/classification:0.1.0-gpu", container.getImage());

        PodSpec pod = manifests.podSpec("classification");
        assertEquals("true", pod.getNodeSelector().get("nvidia.com/gpu.present"));
        Toleration gpuTaint = pod.getTolerations().stream().filter(t -> "nvidia.com/gpu".equals(t.getKey()))
                .findFirst().orElseThrow(() -> new AssertionError("no toleration for the GPU taint"));
        assertEquals("NoSchedule", gpuTaint.getEffect());

        for (String component : List.of("ingest", "feature-extraction", "recommendation")) {
            Map<String, Quantity> limits = manifests.container(component).getResources().getLimits();
            assertFalse(limits.containsKey("nvidia.com/gpu"), component + " must not hold a GPU");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "feature-extraction", "recommendation"})
    void imagesComeFromThePrivateRegistry(String component) {
        assertEquals("registry.example.com/timbre/" + component + ":0.1.0", manifests.container(component).getImage());
        assertEquals(List.of("registry-example-com"), manifests.podSpec(component).getImagePullSecrets().stream()
                .map(LocalObjectReference::getName).toList());
    }

    @Test
    void blobVolumeUsesTheSharedFileStorageClass() {
        PersistentVolumeClaim blobs = manifests.get(PersistentVolumeClaim.class, "timbre-blobs");
        assertEquals("efs-sc", blobs.getSpec().getStorageClassName());
        assertEquals(List.of("ReadWriteMany"), blobs.getSpec().getAccessModes());
        assertEquals(new Quantity("200Gi"), blobs.getSpec().getResources().getRequests().get("storage"));
    }

    @Test
    void topicJobAuthenticatesLikeTheServices() {
        Job job = manifests.get(Job.class, "timbre-topics-r1");
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("timbre-kafka", container.getEnvFrom().get(0).getConfigMapRef().getName());
        assertEquals("timbre-kafka-credentials", container.getEnv().stream()
                .filter(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG")).findFirst().orElseThrow()
                .getValueFrom().getSecretKeyRef().getName());
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        String script = String.join("\n", container.getCommand());
        assertTrue(script.contains("--replication-factor 3"), script);
        assertTrue(script.contains("sasl.jaas.config=${KAFKA_SASL_JAAS_CONFIG}"), script);
    }
}
