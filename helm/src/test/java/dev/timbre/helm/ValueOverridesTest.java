package dev.timbre.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single switches flipped from the defaults, each changing exactly what it documents. */
class ValueOverridesTest {

    @Test
    void inlineSaslCredentialsGoIntoAChartSecret() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";";
        Manifests manifests = Chart.render()
                .set("kafka.securityProtocol", "SASL_PLAINTEXT")
                .set("kafka.sasl.mechanism", "PLAIN")
                .set("kafka.sasl.jaasConfig", jaas)
                .manifests();
        Secret secret = manifests.get(Secret.class, "timbre-kafka-sasl");
        assertEquals(jaas, new String(Base64.getDecoder().decode(secret.getData().get("sasl-jaas-config")),
                StandardCharsets.UTF_8));
        for (String component : DefaultValuesTest.ALL) {
            assertEquals("timbre-kafka-sasl", manifests.env(component).get("KAFKA_SASL_JAAS_CONFIG")
                    .getValueFrom().getSecretKeyRef().getName());
        }
    }

    @Test
    void ingestApiKeysGoIntoASecret() {
        String table = "k-admin-0001=admin:ADMIN, k-alice-0001=alice:USER";
        Manifests manifests = Chart.render().set("ingest.apiKeys.table", table).manifests();
        EnvVar keys = manifests.env("ingest").get("TIMBRE_SECURITY_API_KEYS");
        Secret secret = manifests.get(Secret.class, keys.getValueFrom().getSecretKeyRef().getName());
        assertEquals(table, new String(Base64.getDecoder().decode(secret.getData().get("api-keys")), StandardCharsets.UTF_8));
        assertFalse(manifests.env("ingest").containsKey("TIMBRE_SECURITY_DEV_KEYS_FILE"), "no dev mode with keys");
        assertFalse(manifests.env("feature-extraction").containsKey("TIMBRE_SECURITY_API_KEYS"));
    }

    @Test
    void registryCredentialsFromAnExistingSecret() {
        Manifests manifests = Chart.render()
                .set("schemaRegistry.basicAuth.enabled", true)
                .set("schemaRegistry.basicAuth.existingSecret", "sr-creds")
                .set("schemaRegistry.basicAuth.existingSecretKey", "user-info")
                .manifests();
        assertEquals(List.of("timbre-service-auth"), manifests.names(Secret.class), "only the service token's");
        EnvVar userInfo = manifests.env("ingest").get("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO");
        assertEquals("sr-creds", userInfo.getValueFrom().getSecretKeyRef().getName());
        assertEquals("user-info", userInfo.getValueFrom().getSecretKeyRef().getKey());
    }

    @Test
    void withoutAutoscalingTheDeploymentOwnsItsReplicaCount() {
        Manifests manifests = Chart.render()
                .set("featureExtraction.autoscaling.enabled", false)
                .set("featureExtraction.replicaCount", 2)
                .manifests();
        assertEquals(2, manifests.get(Deployment.class, "timbre-feature-extraction").getSpec().getReplicas());
        assertFalse(manifests.find(HorizontalPodAutoscaler.class, "timbre-feature-extraction").isPresent());
        assertTrue(manifests.find(HorizontalPodAutoscaler.class, "timbre-ingest").isPresent());
    }

    @Test
    void streamsStateOnEmptyDirWhenPersistenceIsOff() {
        Manifests manifests = Chart.render().set("recommendation.persistence.enabled", false).manifests();
        StatefulSet sts = manifests.get(StatefulSet.class, "timbre-recommendation");
        assertTrue(sts.getSpec().getVolumeClaimTemplates().isEmpty());
        Volume state = DefaultValuesTest.volume(sts.getSpec().getTemplate().getSpec(), "state");
        assertNotNull(state.getEmptyDir());
    }

    @Test
    void existingBlobClaimIsUsedAndNoneCreated() {
        Manifests manifests = Chart.render().set("blobStore.persistence.existingClaim", "nfs-audio").manifests();
        assertTrue(manifests.all(PersistentVolumeClaim.class).isEmpty());
        Volume blobs = DefaultValuesTest.volume(manifests.podSpec("feature-extraction"), "blobs");
        assertEquals("nfs-audio", blobs.getPersistentVolumeClaim().getClaimName());
    }

    @Test
    void s3BlobStoreReplacesTheVolumeWithBucketSettingsAndSecretKeys() {
        Manifests manifests = Chart.render().values(Chart.valuesFile("values-s3.yaml")).manifests();
        assertTrue(manifests.all(PersistentVolumeClaim.class).isEmpty(), "no audio volume with s3");
        for (String component : List.of("ingest", "feature-extraction")) {
            Map<String, EnvVar> env = manifests.env(component);
            assertEquals("s3", env.get("TIMBRE_BLOB_STORE").getValue());
            assertEquals("timbre-audio", env.get("TIMBRE_BLOB_S3_BUCKET").getValue());
            assertEquals("timbre/", env.get("TIMBRE_BLOB_S3_PREFIX").getValue());
            assertEquals("us-east-1", env.get("TIMBRE_BLOB_S3_REGION").getValue());
            assertEquals("http://minio.storage:9000", env.get("TIMBRE_BLOB_S3_ENDPOINT").getValue());
            assertEquals("true", env.get("TIMBRE_BLOB_S3_PATH_STYLE").getValue());
            assertEquals("8", env.get("TIMBRE_BLOB_S3_PART_SIZE_MIB").getValue());
            for (var key : Map.of("TIMBRE_BLOB_S3_ACCESS_KEY_ID", "access-key-id",
                    "TIMBRE_BLOB_S3_SECRET_ACCESS_KEY", "secret-access-key").entrySet()) {
                var ref = env.get(key.getKey()).getValueFrom().getSecretKeyRef();
                assertEquals("timbre-s3-credentials", ref.getName());
                assertEquals(key.getValue(), ref.getKey());
            }
            assertFalse(env.containsKey("TIMBRE_BLOB_ROOT"));
            assertTrue(manifests.podSpec(component).getVolumes().stream().noneMatch(v -> v.getName().equals("blobs")));
            assertTrue(manifests.container(component).getVolumeMounts().stream().noneMatch(m -> m.getName().equals("blobs")));
        }
        assertFalse(manifests.env("classification").containsKey("TIMBRE_BLOB_STORE"));
    }

    @Test
    void s3WithoutKeysUsesTheDefaultChainOnAnAnnotatedServiceAccount() {
        Manifests manifests = Chart.render()
                .set("blobStore.type", "s3")
                .set("blobStore.s3.bucket", "timbre-audio")
                .set("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::123456789012:role/timbre")
                .manifests();
        Map<String, EnvVar> env = manifests.env("ingest");
        assertFalse(env.containsKey("TIMBRE_BLOB_S3_ACCESS_KEY_ID"), "IRSA: no explicit keys");
        assertFalse(env.containsKey("TIMBRE_BLOB_S3_ENDPOINT"), "AWS: no endpoint override");
        assertEquals("false", env.get("TIMBRE_BLOB_S3_PATH_STYLE").getValue());
        assertEquals("arn:aws:iam::123456789012:role/timbre", manifests.get(io.fabric8.kubernetes.api.model.ServiceAccount.class,
                "timbre").getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"));
    }

    @Test
    void extraEnvIsAppendedGloballyThenPerService() {
        Manifests manifests = Chart.render()
                .set("extraEnv[0].name", "LOGGER_LEVELS_DEV_TIMBRE")
                .set("extraEnv[0].value", "DEBUG")
                .set("classification.extraEnv[0].name", "TIMBRE_CLASSIFICATION_MODEL_PATH")
                .set("classification.extraEnv[0].value", "/models/genre.zip")
                .manifests();
        for (String component : DefaultValuesTest.ALL) {
            assertEquals("DEBUG", manifests.env(component).get("LOGGER_LEVELS_DEV_TIMBRE").getValue(), component);
        }
        List<EnvVar> env = manifests.container("classification").getEnv();
        assertEquals("TIMBRE_CLASSIFICATION_MODEL_PATH", env.get(env.size() - 1).getName());
        assertFalse(manifests.env("ingest").containsKey("TIMBRE_CLASSIFICATION_MODEL_PATH"));
    }

    @Test
    void aDisabledServiceLeavesNothingBehind() {
        Manifests manifests = Chart.render().set("classification.enabled", false).manifests();
        for (HasMetadata resource : manifests.all()) {
            assertFalse(resource.getMetadata().getName().contains("classification"),
                    resource.getKind() + " " + resource.getMetadata().getName());
        }
    }

    @Test
    void gpuSwitchAloneDerivesTheGpuTagAndKeepsTheCpuRequest() {
        Manifests manifests = Chart.render().set("classification.gpu.enabled", true).manifests();
        assertEquals("timbre/classification:0.1.0-SNAPSHOT-gpu", manifests.container("classification").getImage());
        Map<String, ?> limits = manifests.container("classification").getResources().getLimits();
        assertEquals("1", limits.get("nvidia.com/gpu").toString());
        assertEquals("1", manifests.container("classification").getResources().getRequests().get("cpu").toString());
        assertEquals("nvidia.com/gpu", manifests.podSpec("classification").getTolerations().get(0).getKey());
    }

    @Test
    void fullnameOverrideRenamesEverythingConsistently() {
        Manifests manifests = Chart.render().set("fullnameOverride", "music").manifests();
        StatefulSet sts = manifests.get(StatefulSet.class, "music-recommendation");
        assertEquals("music-recommendation-headless", sts.getSpec().getServiceName());
        String applicationServer = sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("TIMBRE_RECOMMENDATION_ADVERTISED_HOST")).findFirst().orElseThrow()
                .getValue();
        assertTrue(applicationServer.contains(".music-recommendation-headless."), applicationServer);
        manifests.all().forEach(r -> assertTrue(r.getMetadata().getName().startsWith("music"), r.getMetadata().getName()));
    }
}
