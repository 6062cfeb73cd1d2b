package dev.timbre.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart rendered with its default values: a PLAINTEXT cluster, CPU classification, one replica each. */
class DefaultValuesTest {

    static final List<String> STATELESS = List.of("ingest", "feature-extraction", "classification");
    static final List<String> ALL = List.of("ingest", "feature-extraction", "classification", "recommendation");

    private static Manifests manifests;

    @BeforeAll
    static void render() {
        manifests = Chart.render().manifests();
    }

    @Test
    void rendersTheExpectedObjects() {
        assertEquals(Set.of("timbre-ingest", "timbre-feature-extraction", "timbre-classification"),
                Set.copyOf(manifests.names(Deployment.class)));
        assertEquals(List.of("timbre-recommendation"), manifests.names(StatefulSet.class));
        assertEquals(Set.of("timbre-ingest", "timbre-feature-extraction", "timbre-classification",
                        "timbre-recommendation", "timbre-recommendation-headless"),
                Set.copyOf(manifests.names(Service.class)));
        assertEquals(Set.of("timbre-ingest", "timbre-feature-extraction", "timbre-classification"),
                Set.copyOf(manifests.names(HorizontalPodAutoscaler.class)), "HPA for the stateless services only");
        assertEquals(4, manifests.all(PodDisruptionBudget.class).size());
        assertEquals(List.of("timbre-kafka"), manifests.names(ConfigMap.class));
        assertEquals(List.of("timbre-blobs"), manifests.names(PersistentVolumeClaim.class));
        assertEquals(List.of("timbre"), manifests.names(ServiceAccount.class));
        assertEquals(List.of("timbre-service-auth"), manifests.names(Secret.class),
                "PLAINTEXT without registry auth needs no credentials but the service-to-service token");
        assertTrue(manifests.all(Job.class).isEmpty(), "topic creation is opt-in");
        manifests.all().forEach(r -> assertEquals("timbre", r.getMetadata().getLabels().get("app.kubernetes.io/part-of"),
                () -> r.getKind() + " " + r.getMetadata().getName() + " lacks the common labels"));
    }

    @Test
    void sharedKafkaSettingsAreOneConfigMapReadByEveryService() {
        ConfigMap config = manifests.get(ConfigMap.class, "timbre-kafka");
        assertEquals(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT",
                "KAFKA_REPLICATION_FACTOR", "-1",
                "SCHEMA_REGISTRY_URL", "http://schema-registry:8081"), config.getData());
        for (String component : ALL) {
            Container container = manifests.container(component);
            assertEquals(1, container.getEnvFrom().size(), component);
            assertEquals("timbre-kafka", container.getEnvFrom().get(0).getConfigMapRef().getName(), component);
            assertFalse(manifests.env(component).containsKey("KAFKA_SASL_JAAS_CONFIG"), component);
            assertFalse(manifests.env(component).containsKey("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"), component);
        }
    }

    @ParameterizedTest
    @CsvSource({"ingest,8080", "feature-extraction,8081", "classification,8082", "recommendation,8083"})
    void serviceListensOnItsPortWithMicronautHealthProbes(String component, int port) {
        Container container = manifests.container(component);
        assertEquals(port, container.getPorts().get(0).getContainerPort());
        assertEquals("http", container.getPorts().get(0).getName());
        assertEquals(String.valueOf(port), manifests.env(component).get("MICRONAUT_SERVER_PORT").getValue());

        assertHttpProbe(container.getLivenessProbe(), "/health/liveness");
        assertHttpProbe(container.getReadinessProbe(), "/health/readiness");

        Service service = manifests.get(Service.class, "timbre-" + component);
        assertEquals(port, service.getSpec().getPorts().get(0).getPort());
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertEquals("timbre/" + component + ":0.1.0-SNAPSHOT", container.getImage(), "image tag = appVersion");
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("http", probe.getHttpGet().getPort().getStrVal());
        assertTrue(probe.getPeriodSeconds() > 0 && probe.getFailureThreshold() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "feature-extraction", "classification", "recommendation"})
    void podsRunHardened(String component) {
        PodSpec pod = manifests.podSpec(component);
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0);
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals("timbre", pod.getServiceAccountName());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertEquals(Boolean.FALSE, manifests.get(ServiceAccount.class, "timbre").getAutomountServiceAccountToken(),
                "no API token: the services never call Kubernetes");

        Container container = manifests.container(component);
        SecurityContext security = container.getSecurityContext();
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem());
        assertEquals(Boolean.TRUE, security.getRunAsNonRoot());
        assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty());

        // the read-only root filesystem needs a writable /tmp, and the JVM must use it
        VolumeMount tmp = mount(container, "/tmp");
        Volume volume = volume(pod, tmp.getName());
        assertNotNull(volume.getEmptyDir(), "/tmp is an emptyDir");
        assertNotNull(volume.getEmptyDir().getSizeLimit(), "/tmp is bounded");
        assertTrue(manifests.env(component).get("JAVA_TOOL_OPTIONS").getValue().contains("-Djava.io.tmpdir=/tmp"));

        assertNotNull(container.getResources().getRequests().get("cpu"), "cpu request (HPA needs it)");
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getLimits().get("memory"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "feature-extraction", "classification", "recommendation"})
    void podIdentityComesFromTheDownwardApi(String component) {
        Map<String, EnvVar> env = manifests.env(component);
        assertEquals("metadata.name", env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("status.podIP", env.get("POD_IP").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("metadata.namespace", env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath());
        List<String> names = manifests.container(component).getEnv().stream().map(EnvVar::getName).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate env names in " + component + ": " + names);
    }

    @Test
    void ingestAndFeatureExtractionShareTheBlobVolume() {
        for (String component : List.of("ingest", "feature-extraction")) {
            Map<String, EnvVar> env = manifests.env(component);
            assertEquals("local", env.get("TIMBRE_BLOB_STORE").getValue());
            assertEquals("/var/timbre/blobs", env.get("TIMBRE_BLOB_ROOT").getValue());
            VolumeMount mount = mount(manifests.container(component), "/var/timbre/blobs");
            assertEquals("timbre-blobs", volume(manifests.podSpec(component), mount.getName())
                    .getPersistentVolumeClaim().getClaimName());
        }
        assertEquals(List.of("ReadWriteMany"),
                manifests.get(PersistentVolumeClaim.class, "timbre-blobs").getSpec().getAccessModes());
        assertFalse(manifests.env("classification").containsKey("TIMBRE_BLOB_ROOT"));
    }

    @Test
    void ingestRunsInDevModeUntilApiKeysAreGivenAndKnowsTheRecommendationService() {
        Map<String, EnvVar> env = manifests.env("ingest");
        assertFalse(env.containsKey("TIMBRE_SECURITY_API_KEYS"));
        assertTrue(env.get("TIMBRE_SECURITY_DEV_KEYS_FILE").getValue().startsWith("/tmp/"), "writable location");
        assertEquals("http://timbre-recommendation:8083", env.get("TIMBRE_INGEST_RECOMMENDATION_URL").getValue());
        assertEquals(8083, manifests.get(Service.class, "timbre-recommendation").getSpec().getPorts().get(0).getPort());
    }

    @Test
    void classificationRunsOnCpuByDefault() {
        Container container = manifests.container("classification");
        assertEquals("cpu", manifests.env("classification").get("TIMBRE_CLASSIFICATION_ENGINE_DEVICE").getValue());
        assertFalse(container.getResources().getLimits().containsKey("nvidia.com/gpu"));
        Map<String, String> nodeSelector = manifests.podSpec("classification").getNodeSelector();
        assertTrue(nodeSelector == null || nodeSelector.isEmpty(), "CPU pods may run on any node");
        assertTrue(manifests.podSpec("classification").getTolerations().isEmpty());
        assertTrue(manifests.env("classification").get("TIMBRE_CLASSIFICATION_ENGINE_CACHE_DIR").getValue().startsWith("/tmp/"),
                "DJL's native-library cache must be on the writable volume");
        Volume tmp = volume(manifests.podSpec("classification"), "tmp");
        assertEquals("3Gi", tmp.getEmptyDir().getSizeLimit().toString(), "room for the extracted TensorFlow libraries");
    }

    @Test
    void recommendationIsAStatefulSetWithStateOnItsOwnVolumeAndStableHostNames() {
        StatefulSet sts = manifests.get(StatefulSet.class, "timbre-recommendation");
        Service headless = manifests.get(Service.class, sts.getSpec().getServiceName());
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(Boolean.TRUE, headless.getSpec().getPublishNotReadyAddresses());
        assertSelects(headless.getSpec().getSelector(), sts.getSpec().getTemplate());

        assertEquals(1, sts.getSpec().getVolumeClaimTemplates().size());
        PersistentVolumeClaim claim = sts.getSpec().getVolumeClaimTemplates().get(0);
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        assertEquals("5Gi", claim.getSpec().getResources().getRequests().get("storage").toString());

        Map<String, EnvVar> env = manifests.env("recommendation");
        String stateDir = env.get("TIMBRE_RECOMMENDATION_STATE_DIR").getValue();
        assertEquals(claim.getMetadata().getName(), mount(manifests.container("recommendation"), stateDir).getName());
        assertEquals("0", env.get("TIMBRE_RECOMMENDATION_STANDBY_REPLICAS").getValue());
        // Kubernetes expands $(POD_NAME) because POD_NAME is defined earlier in the same container
        assertEquals("$(POD_NAME).timbre-recommendation-headless.$(POD_NAMESPACE).svc.cluster.local",
                env.get("TIMBRE_RECOMMENDATION_ADVERTISED_HOST").getValue());
        List<String> names = manifests.container("recommendation").getEnv().stream().map(EnvVar::getName).toList();
        assertTrue(names.indexOf("POD_NAME") < names.indexOf("TIMBRE_RECOMMENDATION_ADVERTISED_HOST"));
        assertTrue(names.indexOf("POD_NAMESPACE") < names.indexOf("TIMBRE_RECOMMENDATION_ADVERTISED_HOST"));
        assertEquals("8083", env.get("MICRONAUT_SERVER_PORT").getValue(), "the advertised port is the HTTP port");
    }

    @Test
    void autoscalersTargetTheStatelessDeploymentsWhichLeaveReplicasToThem() {
        for (String component : STATELESS) {
            HorizontalPodAutoscaler hpa = manifests.get(HorizontalPodAutoscaler.class, "timbre-" + component);
            assertEquals("autoscaling/v2", hpa.getApiVersion());
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals("timbre-" + component, hpa.getSpec().getScaleTargetRef().getName());
            assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
            assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
            assertNull(manifests.get(Deployment.class, "timbre-" + component).getSpec().getReplicas(),
                    "a fixed replica count would fight the HPA on every upgrade");
        }
    }

    @Test
    void everyServiceAndBudgetSelectsExactlyItsOwnPods() {
        List<PodTemplateSpec> templates = Stream.concat(
                manifests.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                manifests.all(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate())).toList();
        for (Service service : manifests.all(Service.class)) {
            assertEquals(1, templates.stream().filter(t -> selects(service.getSpec().getSelector(), t)).count(),
                    service.getMetadata().getName());
        }
        for (PodDisruptionBudget pdb : manifests.all(PodDisruptionBudget.class)) {
            Map<String, String> selector = pdb.getSpec().getSelector().getMatchLabels();
            assertEquals(1, templates.stream().filter(t -> selects(selector, t)).count(), pdb.getMetadata().getName());
            assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            assertSelects(deployment.getSpec().getSelector().getMatchLabels(), deployment.getSpec().getTemplate());
        }
    }

    @Test
    void podsRollWhenSharedConfigurationChanges() {
        String before = kafkaChecksum(manifests);
        String after = kafkaChecksum(Chart.render().set("kafka.bootstrapServers", "other:9092").manifests());
        assertNotNull(before);
        assertFalse(before.equals(after), "changing Kafka settings must change the pod template");
    }

    private static String kafkaChecksum(Manifests rendered) {
        return rendered.get(Deployment.class, "timbre-ingest").getSpec().getTemplate().getMetadata()
                .getAnnotations().get("checksum/kafka-config");
    }

    static VolumeMount mount(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static boolean selects(Map<String, String> selector, PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata().getLabels();
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static void assertSelects(Map<String, String> selector, PodTemplateSpec template) {
        assertTrue(selects(selector, template), () -> selector + " does not select " + template.getMetadata().getLabels());
    }
}
