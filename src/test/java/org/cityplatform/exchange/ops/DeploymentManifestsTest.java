package org.cityplatform.exchange.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment of the production-readiness issue, checked as written: every manifest under
 * deploy/k8s/, the compose file, the image and the Grafana dashboard are parsed, and each property
 * an operator relies on is asserted. Plain JUnit: no Quarkus, no database, no cluster.
 */
class DeploymentManifestsTest {

    private static final Path K8S = Path.of("deploy/k8s");
    private static final Path COMPOSE = Path.of("deploy/compose/compose.yaml");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Path POM = Path.of("pom.xml");
    private static final String GATEWAY = "exchange-gateway";
    private static final String REDIS = "exchange-redis";
    private static final Path DASHBOARD = Path.of("deploy/grafana/exchange-gateway.json");
    private static final Path MAIN_JAVA = Path.of("src/main/java");
    private static final Path AUDIT_SETTINGS = MAIN_JAVA.resolve("org/cityplatform/exchange/audit/AuditSettings.java");
    private static final String JOURNAL_MOUNT = "/var/lib/exchange/audit-journal";

    /** Settings without which the prod profile does not start or cannot reach its stores. */
    private static final List<String> PRODUCTION_SETTINGS = List.of(
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER",
            "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS");
    /** Settings whose values are credentials: only ever from a Secret. */
    private static final Pattern CREDENTIAL = Pattern.compile("PASSWORD|USERNAME|SECRET|TOKEN|PRIVATE|REDIS_HOSTS");

    /** Every document of every manifest, with the file it came from. */
    private static final List<Manifest> manifests = new ArrayList<>();

    private record Manifest(Path file, Map<String, Object> doc) {
        String kind() {
            return (String) doc.get("kind");
        }

        String name() {
            return str(doc, "metadata", "name");
        }
    }

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                assertTrue(name.endsWith(".yaml") || name.endsWith(".yml"),
                        "only YAML manifests belong under deploy/k8s/: " + file);
                try (Reader in = Files.newBufferedReader(file)) {
                    for (Object doc : yaml().loadAll(in)) {
                        if (doc == null) {
                            continue;
                        }
                        assertTrue(doc instanceof Map, file + ": a document must be a mapping");
                        manifests.add(new Manifest(file, asMap(doc)));
                    }
                }
            }
        }
        assertFalse(manifests.isEmpty(), "no manifests under " + K8S);
    }

    // ----------------------------------------------------------------------------------- the set

    @Test
    void everyManifestHasAnApiVersionAKindAndAName() {
        for (Manifest m : manifests) {
            assertNotNull(m.doc().get("apiVersion"), m.file() + ": apiVersion");
            assertNotNull(m.kind(), m.file() + ": kind");
            if (!"Kustomization".equals(m.kind())) {
                assertNotNull(m.name(), m.file() + ": metadata.name of " + m.kind());
            }
        }
    }

    @Test
    void theSetHoldsTheGatewayItsRedisItsPostgresClusterAndItsIngress() {
        for (String kind : List.of("HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap", "Ingress", "Cluster")) {
            assertEquals(1, ofKind(kind).size(), "exactly one " + kind);
        }
        for (String kind : List.of("NetworkPolicy")) {
            assertEquals(Set.of(GATEWAY, REDIS), names(kind), "the " + kind + "s of the gateway and of Redis");
        }
        assertEquals(Set.of(GATEWAY), names("StatefulSet"), "the gateway, whose pods keep their journal volumes");
        assertEquals(Set.of(REDIS), names("Deployment"), "Redis, which keeps nothing");
        assertEquals(Set.of(GATEWAY, GATEWAY + "-pods", REDIS), names("Service"),
                "the gateway's Service, its StatefulSet's headless one and Redis's");
    }

    @Test
    void kustomizationAppliesEveryManifestExceptTheSecretExample() {
        Manifest kustomization = single("Kustomization");
        Set<String> listed = new TreeSet<>(strings(kustomization.doc().get("resources")));
        for (String resource : listed) {
            assertTrue(Files.exists(K8S.resolve(resource)), "kustomization lists a missing file: " + resource);
        }
        Set<String> expected = new TreeSet<>();
        for (Manifest m : manifests) {
            String file = K8S.relativize(m.file()).toString();
            if (!"Kustomization".equals(m.kind()) && !file.equals("secret.example.yaml")) {
                expected.add(file);
            }
        }
        assertEquals(expected, listed);
    }

    // ---------------------------------------------------------------------------- the StatefulSet

    @Test
    void readinessAndLivenessProbesAskTheQuarkusHealthEndpointsOnTheHttpPort() {
        Map<String, Object> c = gateway();
        assertEquals("/q/health/ready", str(c, "readinessProbe", "httpGet", "path"));
        assertEquals("/q/health/live", str(c, "livenessProbe", "httpGet", "path"));
        Set<Object> httpPort = new HashSet<>();
        for (Map<String, Object> port : maps(c.get("ports"))) {
            httpPort.add(port.get("name"));
            httpPort.add(port.get("containerPort"));
        }
        assertTrue(httpPort.contains(8080), "the container exposes 8080");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            if (c.containsKey(probe)) {
                assertTrue(httpPort.contains(get(c, probe, "httpGet", "port")), probe + " port is the HTTP port");
            }
        }
    }

    @Test
    void everyContainerRequestsAndLimitsCpuAndMemoryWithLimitsNoLowerThanRequests() {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (Manifest workload : manifests) {
            if (List.of("Deployment", "StatefulSet").contains(workload.kind())) {
                containers.addAll(maps(get(workload.doc(), "spec", "template", "spec", "containers")));
            }
        }
        for (Map<String, Object> c : containers) {
            for (String resource : List.of("cpu", "memory")) {
                String request = str(c, "resources", "requests", resource);
                String limit = str(c, "resources", "limits", resource);
                assertNotNull(request, c.get("name") + " requests " + resource);
                assertNotNull(limit, c.get("name") + " limits " + resource);
                assertTrue(quantity(limit) >= quantity(request), resource + " limit " + limit + " < request " + request);
            }
        }
        // README: peak RSS 295 MB with -Xmx256m under a 2 GB push and a slow export.
        assertTrue(quantity(str(gateway(), "resources", "limits", "memory")) >= 600 * 1024 * 1024,
                "memory limit leaves room above the measured peak RSS");
    }

    @Test
    void aPreStopPauseDrainsThePodAndTheGracePeriodOutlastsItTheShutdownAndShippingTheJournal() throws IOException {
        List<String> command = strings(get(gateway(), "lifecycle", "preStop", "exec", "command"));
        assertEquals("sleep", command.get(0), "preStop sleeps while the endpoints controller removes the pod");
        long preStop = Long.parseLong(command.get(1));
        assertTrue(preStop >= 5, "preStop pause of at least 5 s");
        long grace = ((Number) podSpec().get("terminationGracePeriodSeconds")).longValue();
        long shutdown = shutdownSeconds(configMapData());
        assertTrue(grace > preStop + shutdown,
                "terminationGracePeriodSeconds " + grace + " must exceed preStop " + preStop + " + shutdown " + shutdown);
    }

    @Test
    void theGatewayIsAStatefulSetWhoseEveryPodHasAJournalClaimOfItsOwn() throws IOException {
        Map<String, Object> spec = asMap(gatewaySet().doc().get("spec"));
        List<Map<String, Object>> claims = maps(spec.get("volumeClaimTemplates"));
        assertEquals(1, claims.size(), "one claim per pod: the audit journal");
        Map<String, Object> claim = claims.get(0);
        assertEquals(List.of("ReadWriteOnce"), strings(get(claim, "spec", "accessModes")), "one node writes the journal");
        long storage = quantity(str(claim, "spec", "resources", "requests", "storage")) / 1000;
        long maxSize = memorySize(configMapData().get("EXCHANGE_AUDIT_JOURNAL_MAX_SIZE"));
        long segment = memorySize(settingDefault("segmentSize"));
        assertTrue(storage >= maxSize + segment,
                "the claim (" + storage + " bytes) holds the journal's maximum (" + maxSize + ") and a segment beyond it");
        for (Map<String, Object> v : maps(podSpec().get("volumes"))) {
            assertNotEquals(get(claim, "metadata", "name"), v.get("name"), "the journal is the claim, not a pod volume");
        }
        assertEquals("Retain", str(spec, "persistentVolumeClaimRetentionPolicy", "whenScaled"),
                "a pod scaled away keeps its claim: what it did not ship waits there for its ordinal");
        assertEquals("Retain", str(spec, "persistentVolumeClaimRetentionPolicy", "whenDeleted"));
        assertEquals("RollingUpdate", str(spec, "updateStrategy", "type"));
        Manifest headless = named("Service", str(spec, "serviceName"));
        assertEquals("None", str(headless.doc(), "spec", "clusterIP"), "the StatefulSet's governing Service is headless");
        assertSelects(asMap(get(headless.doc(), "spec", "selector")));
        assertSelects(asMap(get(spec, "selector", "matchLabels")));
    }

    @Test
    void theJournalDirectoryIsInsideTheClaimsMountAndWritableByTheImagesUser() throws IOException {
        String claim = str(maps(get(gatewaySet().doc(), "spec", "volumeClaimTemplates")).get(0), "metadata", "name");
        Map<String, Object> mount = null;
        for (Map<String, Object> m : maps(gateway().get("volumeMounts"))) {
            if (claim.equals(m.get("name"))) {
                mount = m;
            }
        }
        assertNotNull(mount, "the container mounts the journal claim");
        assertEquals(JOURNAL_MOUNT, mount.get("mountPath"));
        assertNotEquals(true, mount.get("readOnly"));
        String dir = null;
        for (Map<String, Object> env : maps(gateway().get("env"))) {
            if ("EXCHANGE_AUDIT_JOURNAL_DIR".equals(env.get("name"))) {
                dir = (String) env.get("value");
            }
        }
        assertNotNull(dir, "EXCHANGE_AUDIT_JOURNAL_DIR is set: the default is relative to the read-only working directory");
        // A freshly formatted ext4 volume holds lost+found, and every directory of the journal is a chain.
        assertTrue(dir.startsWith(JOURNAL_MOUNT + "/") && !dir.substring(JOURNAL_MOUNT.length() + 1).contains("/"),
                "the journal is a directory of its own at the top of the volume: " + dir);
        assertEquals(Integer.parseInt(properties().get("quarkus.jib.user")), get(podSpec(), "securityContext", "fsGroup"),
                "the volume is made writable for the group of the image's user");
    }

    @Test
    void thePodRunsAsNonRootOnAReadOnlyRootFilesystemWithoutPrivilegeEscalationOrCapabilities() {
        Map<String, Object> pod = asMap(podSpec().get("securityContext"));
        for (Map<String, Object> c : maps(get(podSpec(), "containers"))) {
            Map<String, Object> sc = asMap(c.get("securityContext"));
            Object nonRoot = sc.containsKey("runAsNonRoot") ? sc.get("runAsNonRoot") : pod.get("runAsNonRoot");
            assertEquals(true, nonRoot, "runAsNonRoot");
            assertEquals(true, sc.get("readOnlyRootFilesystem"), "readOnlyRootFilesystem");
            assertEquals(false, sc.get("allowPrivilegeEscalation"), "allowPrivilegeEscalation");
            assertTrue(strings(get(sc, "capabilities", "drop")).contains("ALL"), "capabilities drop ALL");
            assertNotEquals(true, sc.get("privileged"));
        }
    }

    @Test
    void theOnlyWritablePathsAreAnEmptyDirAtTmpAndTheJournalClaim() {
        String tmpVolume = null;
        for (Map<String, Object> mount : maps(gateway().get("volumeMounts"))) {
            if ("/tmp".equals(mount.get("mountPath"))) {
                tmpVolume = (String) mount.get("name");
            } else if (!JOURNAL_MOUNT.equals(mount.get("mountPath"))) {
                assertEquals(true, mount.get("readOnly"), mount.get("mountPath") + " is mounted read-only");
            }
        }
        assertNotNull(tmpVolume, "/tmp is mounted");
        assertTrue(volume(tmpVolume).containsKey("emptyDir"), "/tmp is an emptyDir");
    }

    @Test
    void jibBuildsTheImageOnlyWhenAskedAsTheNumericNonRootUserTheDeploymentExpects() throws IOException {
        Map<String, String> props = properties();
        assertEquals("false", props.get("quarkus.container-image.build"), "mvn package builds no image unless asked");
        assertEquals("false", props.get("quarkus.container-image.push"));
        assertEquals("${quarkus.application.version}", props.get("quarkus.container-image.tag"), "tagged with the project version");
        String user = props.get("quarkus.jib.user");
        assertNotNull(user, "the image sets its user");
        assertTrue(user.matches("[1-9][0-9]*"), "a numeric non-root UID, which runAsNonRoot can check: " + user);
        assertEquals(Integer.parseInt(user), get(podSpec(), "securityContext", "runAsUser"));
        assertTrue(props.get("quarkus.jib.base-jvm-image")
                        .matches("eclipse-temurin:17-jre.*|registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime.*"),
                "a Java 17 runtime base image");
        assertTrue(props.get("quarkus.jib.jvm-additional-arguments").contains("-XX:MaxRAMPercentage"),
                "the heap follows the container's memory limit");
        assertTrue(Files.notExists(Path.of("src/main/docker")), "one way to build the image: Jib, no Dockerfile beside it");
    }

    @Test
    void theDeploymentRunsTheImageJibNamesAndTheConfigMapPassesNoFlagsTheImageIgnores() throws IOException {
        String image = str(gateway(), "image");
        String repository = image.substring(0, image.lastIndexOf(':'));
        assertTrue(repository.endsWith("/" + jibRepository()), image + " is <registry>/" + jibRepository());
        // The entrypoint is java itself: JAVA_OPTS would be read by nobody, JDK_JAVA_OPTIONS by the launcher.
        assertFalse(configMapData().containsKey("JAVA_OPTS"), "JAVA_OPTS is read by no one in the Jib image");
    }

    @Test
    void theJwtPublicKeyIsAFileMountedFromASecretWhereTheGatewayLooksForIt() {
        String location = configMapData().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertNotNull(location, "the ConfigMap sets MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        boolean found = false;
        for (Map<String, Object> mount : maps(gateway().get("volumeMounts"))) {
            Map<String, Object> secret = asMap(volume((String) mount.get("name")).get("secret"));
            if (secret.isEmpty()) {
                continue;
            }
            assertEquals(true, mount.get("readOnly"), "the key is mounted read-only");
            for (Map<String, Object> item : maps(secret.get("items"))) {
                if ((mount.get("mountPath") + "/" + item.get("path")).equals(location)) {
                    found = true;
                    assertTrue(secretKeys((String) secret.get("secretName")).contains((String) item.get("key")),
                            "the key file's Secret has key " + item.get("key"));
                }
            }
        }
        assertTrue(found, "a Secret volume provides " + location);
    }

    @Test
    void everyConfigMapAndSecretTheDeploymentReadsExistsWithTheKeysItReads() {
        Set<String> configMaps = names("ConfigMap");
        for (Map<String, Object> from : maps(gateway().get("envFrom"))) {
            if (from.containsKey("configMapRef")) {
                assertTrue(configMaps.contains(str(from, "configMapRef", "name")), "ConfigMap " + from);
            }
            if (from.containsKey("secretRef")) {
                assertFalse(secretKeys(str(from, "secretRef", "name")).isEmpty(), "Secret " + from);
            }
        }
        for (Map<String, Object> env : maps(gateway().get("env"))) {
            Map<String, Object> ref = asMap(get(env, "valueFrom", "secretKeyRef"));
            if (!ref.isEmpty()) {
                assertTrue(secretKeys((String) ref.get("name")).contains((String) ref.get("key")),
                        "secret.example.yaml documents " + ref.get("name") + "/" + ref.get("key"));
            }
            Map<String, Object> cm = asMap(get(env, "valueFrom", "configMapKeyRef"));
            if (!cm.isEmpty()) {
                assertTrue(configMaps.contains((String) cm.get("name")), "ConfigMap " + cm.get("name"));
            }
        }
        for (Map<String, Object> v : maps(podSpec().get("volumes"))) {
            if (v.containsKey("secret")) {
                assertFalse(secretKeys(str(v, "secret", "secretName")).isEmpty(), "Secret of volume " + v.get("name"));
            }
        }
    }

    @Test
    void theGatewayGetsEverySettingTheProductionProfileNeeds() {
        Set<String> names = new HashSet<>(configMapData().keySet());
        for (Map<String, Object> env : maps(gateway().get("env"))) {
            names.add((String) env.get("name"));
        }
        for (Map<String, Object> from : maps(gateway().get("envFrom"))) {
            if (from.containsKey("secretRef")) {
                names.addAll(secretKeys(str(from, "secretRef", "name")));
            }
        }
        assertTrue(names.containsAll(PRODUCTION_SETTINGS), "missing: " + missing(names, PRODUCTION_SETTINGS));
    }

    @Test
    void credentialsReachTheGatewayOnlyFromSecretsNeverAsPlainValues() {
        for (Map<String, Object> env : maps(gateway().get("env"))) {
            String name = (String) env.get("name");
            if (CREDENTIAL.matcher(name).find()) {
                assertNull(env.get("value"), name + " has a plain value");
                assertNotNull(get(env, "valueFrom", "secretKeyRef"), name + " comes from a Secret");
            }
            assertPlain(name, env.get("value"));
        }
        for (Map.Entry<String, String> e : configMapData().entrySet()) {
            assertFalse(CREDENTIAL.matcher(e.getKey()).find(), "credential " + e.getKey() + " in a ConfigMap");
            assertPlain(e.getKey(), e.getValue());
        }
    }

    @Test
    void theSecretExampleHoldsPlaceholdersOnlyAndIsNeverApplied() {
        List<Manifest> secrets = ofKind("Secret");
        assertFalse(secrets.isEmpty(), "secret.example.yaml documents the Secrets");
        for (Manifest s : secrets) {
            assertEquals("secret.example.yaml", s.file().getFileName().toString(), "a Secret outside the example");
            assertNull(s.doc().get("data"), s.name() + ": no base64 data, placeholders in stringData only");
            for (Map.Entry<String, Object> e : asMap(s.doc().get("stringData")).entrySet()) {
                assertTrue(String.valueOf(e.getValue()).matches("<[^<>]+>"),
                        s.name() + "/" + e.getKey() + " is a <placeholder>, not a value");
            }
        }
    }

    // -------------------------------------------------------- Service, autoscaler, budget, policy

    @Test
    void theServiceSelectsTheGatewaysPodsAndForwardsToTheHttpPort() {
        Map<String, Object> spec = asMap(named("Service", GATEWAY).doc().get("spec"));
        assertSelects(asMap(spec.get("selector")));
        for (Map<String, Object> port : maps(spec.get("ports"))) {
            Object target = port.get("targetPort");
            assertTrue("http".equals(target) || Integer.valueOf(8080).equals(target), "targetPort " + target);
        }
    }

    @Test
    void theAutoscalerTargetsTheStatefulSetOnCpuUtilisation() {
        Manifest hpa = single("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.doc().get("apiVersion"));
        Map<String, Object> spec = asMap(hpa.doc().get("spec"));
        assertEquals("StatefulSet", str(spec, "scaleTargetRef", "kind"));
        assertEquals("apps/v1", str(spec, "scaleTargetRef", "apiVersion"));
        assertEquals(GATEWAY, str(spec, "scaleTargetRef", "name"));
        boolean onCpu = false;
        for (Map<String, Object> metric : maps(spec.get("metrics"))) {
            onCpu |= "Resource".equals(metric.get("type")) && "cpu".equals(str(metric, "resource", "name"))
                    && "Utilization".equals(str(metric, "resource", "target", "type"));
        }
        assertTrue(onCpu, "a CPU utilisation target");
        int min = ((Number) spec.get("minReplicas")).intValue();
        assertTrue(min >= 2, "at least two replicas, so one can be drained");
        assertTrue(((Number) spec.get("maxReplicas")).intValue() > min);
    }

    @Test
    void theDisruptionBudgetSelectsTheGatewaysPodsAndStillLetsOneBeDrained() {
        Map<String, Object> spec = asMap(single("PodDisruptionBudget").doc().get("spec"));
        assertSelects(asMap(get(spec, "selector", "matchLabels")));
        Object minAvailable = spec.get("minAvailable");
        int floor = ((Number) asMap(single("HorizontalPodAutoscaler").doc().get("spec")).get("minReplicas")).intValue();
        boolean drainable = minAvailable instanceof Number n && n.intValue() >= 1 && n.intValue() < floor;
        assertTrue(drainable || spec.containsKey("maxUnavailable"),
                "minAvailable below the replica floor (or maxUnavailable), so a node drain can proceed");
    }

    @Test
    void theNetworkPolicyLetsInOnlyTheHttpPortFromSelectedPods() {
        Map<String, Object> spec = asMap(named("NetworkPolicy", GATEWAY).doc().get("spec"));
        assertSelects(asMap(get(spec, "podSelector", "matchLabels")));
        assertTrue(strings(spec.get("policyTypes")).containsAll(List.of("Ingress", "Egress")));
        List<Map<String, Object>> ingress = maps(spec.get("ingress"));
        assertFalse(ingress.isEmpty());
        for (Map<String, Object> rule : ingress) {
            assertEquals(Set.of("TCP/8080"), ports(rule), "ingress only to the HTTP port");
            List<Map<String, Object>> from = maps(rule.get("from"));
            assertFalse(from.isEmpty(), "an ingress rule without 'from' admits everyone");
            for (Map<String, Object> peer : from) {
                assertTrue(peer.containsKey("namespaceSelector") && peer.containsKey("podSelector"),
                        "ingress from chosen pods of a chosen namespace: " + peer);
                assertFalse(peer.containsKey("ipBlock"));
            }
        }
        boolean fromIngress = false;
        for (Map<String, Object> rule : ingress) {
            for (Map<String, Object> peer : maps(rule.get("from"))) {
                fromIngress |= String.valueOf(peer.get("namespaceSelector")).contains("ingress");
            }
        }
        assertTrue(fromIngress, "the ingress controller's namespace is admitted");
    }

    @Test
    void theNetworkPolicyLetsOutOnlyPostgresRedisAndDns() {
        Map<String, Object> spec = asMap(named("NetworkPolicy", GATEWAY).doc().get("spec"));
        Set<String> egress = new TreeSet<>();
        for (Map<String, Object> rule : maps(spec.get("egress"))) {
            Set<String> ports = ports(rule);
            assertFalse(ports.isEmpty(), "an egress rule without ports lets everything out: " + rule);
            egress.addAll(ports);
        }
        assertEquals(new TreeSet<>(Set.of("TCP/5432", "TCP/6379", "UDP/53", "TCP/53")), egress);
    }

    @Test
    void theGatewaysNetworkPolicyLetsOutOnlyToTheClustersPostgresAndTheRedisPods() {
        Map<String, Object> spec = asMap(named("NetworkPolicy", GATEWAY).doc().get("spec"));
        Map<String, Object> redisPods = asMap(get(named("Deployment", REDIS).doc(), "spec", "template", "metadata", "labels"));
        boolean postgres = false;
        boolean redis = false;
        for (Map<String, Object> rule : maps(spec.get("egress"))) {
            for (Map<String, Object> peer : maps(rule.get("to"))) {
                Map<String, Object> labels = asMap(get(peer, "podSelector", "matchLabels"));
                if (ports(rule).equals(Set.of("TCP/5432"))) {
                    postgres |= single("Cluster").name().equals(labels.get("cnpg.io/cluster"));
                }
                if (ports(rule).equals(Set.of("TCP/6379"))) {
                    redis |= !labels.isEmpty() && redisPods.entrySet().containsAll(labels.entrySet());
                }
            }
        }
        assertTrue(postgres, "5432 only to the pods CloudNativePG labels with the Cluster's name");
        assertTrue(redis, "6379 only to the Redis pods");
    }

    // -------------------------------------------------------------------------------- ingress

    @Test
    void theIngressServesApiAndOpenDataOverTlsFromTheGatewaysServicePort() {
        Map<String, Object> spec = asMap(single("Ingress").doc().get("spec"));
        Set<Object> servicePorts = new HashSet<>();
        for (Map<String, Object> port : maps(get(named("Service", GATEWAY).doc(), "spec", "ports"))) {
            servicePorts.add(port.get("name"));
            servicePorts.add(port.get("port"));
        }
        Set<String> paths = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        for (Map<String, Object> rule : maps(spec.get("rules"))) {
            hosts.add((String) rule.get("host"));
            for (Map<String, Object> path : maps(get(rule, "http", "paths"))) {
                paths.add((String) path.get("path"));
                assertEquals("Prefix", path.get("pathType"));
                assertEquals(GATEWAY, str(path, "backend", "service", "name"), "the backend is the gateway's Service");
                Object port = get(path, "backend", "service", "port", "name");
                port = port != null ? port : get(path, "backend", "service", "port", "number");
                assertTrue(servicePorts.contains(port), "backend port " + port + " is a port of the Service");
            }
        }
        assertEquals(Set.of("/api/", "/open/"), paths, "the API and open data; /q/ stays inside the cluster");
        Set<String> tlsHosts = new TreeSet<>();
        for (Map<String, Object> tls : maps(spec.get("tls"))) {
            tlsHosts.addAll(strings(tls.get("hosts")));
            Manifest secret = named("Secret", (String) tls.get("secretName"));
            assertEquals("kubernetes.io/tls", secret.doc().get("type"), "secret.example.yaml documents the TLS Secret");
        }
        assertEquals(hosts, tlsHosts, "every host is served over TLS");
        Map<String, Object> annotations = asMap(get(single("Ingress").doc(), "metadata", "annotations"));
        assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-request-buffering"), "pushes stream");
        assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"), "exports stream");
        assertTrue(Integer.parseInt((String) annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")) > 60,
                "the controller waits longer than a change-feed long poll (wait=60 at most)");
    }

    @Test
    void theNetworkPolicyAdmitsThePodsOfTheIngressControllerTheIngressNames() {
        assertEquals("nginx", str(single("Ingress").doc(), "spec", "ingressClassName"));
        boolean admitted = false;
        for (Map<String, Object> rule : maps(get(named("NetworkPolicy", GATEWAY).doc(), "spec", "ingress"))) {
            for (Map<String, Object> peer : maps(rule.get("from"))) {
                admitted |= "ingress-nginx".equals(str(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                        && "ingress-nginx".equals(str(peer, "podSelector", "matchLabels", "app.kubernetes.io/name"))
                        && ports(rule).equals(Set.of("TCP/8080"));
            }
        }
        assertTrue(admitted, "port 8080 from the ingress-nginx controller's pods in its namespace");
    }

    @Test
    void forwardedForIsTrustedBecauseOnlyTheIngressControllerAndPrometheusReachThePods() throws IOException {
        // The ConfigMap's name is what SmallRye maps to exchange.open-data.trust-forwarded-for.
        String settings = Files.readString(MAIN_JAVA.resolve("org/cityplatform/exchange/opendata/OpenDataSettings.java"));
        assertTrue(settings.contains("prefix = \"exchange.open-data\"") && settings.contains("boolean trustForwardedFor()"));
        assertEquals("true", configMapData().get("EXCHANGE_OPEN_DATA_TRUST_FORWARDED_FOR"));
        Set<String> peers = new TreeSet<>();
        for (Map<String, Object> rule : maps(get(named("NetworkPolicy", GATEWAY).doc(), "spec", "ingress"))) {
            for (Map<String, Object> peer : maps(rule.get("from"))) {
                peers.add(str(peer, "podSelector", "matchLabels", "app.kubernetes.io/name"));
            }
        }
        assertEquals(Set.of("ingress-nginx", "prometheus"), peers,
                "anyone else reaching the pods could write X-Forwarded-For and escape the open data limits");
    }

    // ------------------------------------------------------------------------ PostgreSQL (CNPG)

    @Test
    void theCloudNativePgClusterBootstrapsTheDatabaseAndOwnerTheGatewayLogsInWith() {
        Manifest cluster = single("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.doc().get("apiVersion"));
        Map<String, Object> spec = asMap(cluster.doc().get("spec"));
        assertTrue(((Number) spec.get("instances")).intValue() >= 2, "a primary and at least one replica to fail over to");
        assertNotNull(str(spec, "storage", "size"), "a volume size");
        Map<String, Object> initdb = asMap(get(spec, "bootstrap", "initdb"));
        for (String url : List.of(configMapData().get("QUARKUS_DATASOURCE_REACTIVE_URL"),
                configMapData().get("QUARKUS_DATASOURCE_JDBC_URL"))) {
            Matcher m = Pattern.compile("postgresql://([^:/]+):5432/([^?]+)").matcher(url);
            assertTrue(m.find(), url);
            assertEquals(cluster.name() + "-rw", m.group(1), "the gateway writes to the primary's Service");
            assertEquals(initdb.get("database"), m.group(2), "the database initdb creates");
        }
        String secret = str(initdb, "secret", "name");
        assertEquals("kubernetes.io/basic-auth", named("Secret", secret).doc().get("type"), "CloudNativePG's Secret type");
        Map<String, String> read = new HashMap<>();
        for (Map<String, Object> env : maps(gateway().get("env"))) {
            Map<String, Object> ref = asMap(get(env, "valueFrom", "secretKeyRef"));
            if (secret.equals(ref.get("name"))) {
                read.put((String) env.get("name"), (String) ref.get("key"));
            }
        }
        assertEquals(Map.of("QUARKUS_DATASOURCE_USERNAME", "username", "QUARKUS_DATASOURCE_PASSWORD", "password"), read,
                "the gateway reads the very Secret the cluster was bootstrapped with");
    }

    @Test
    void maxConnectionsCoversEveryPoolOfEveryPodTheAutoscalerAndARolloutMayRun() throws IOException {
        Map<String, String> props = properties();
        int perPod = Integer.parseInt(props.get("quarkus.datasource.reactive.max-size"))
                + Integer.parseInt(props.get("quarkus.datasource.pushes.reactive.max-size"))
                + Integer.parseInt(props.get("quarkus.datasource.jdbc.max-size"))
                + 1; // the change feed's LISTEN connection (records/ChangeSignals)
        int maxReplicas = ((Number) get(single("HorizontalPodAutoscaler").doc(), "spec", "maxReplicas")).intValue();
        int surge = 0; // a StatefulSet replaces a pod after its predecessor stopped: never more pods than replicas
        assertNull(get(gatewaySet().doc(), "spec", "updateStrategy", "rollingUpdate", "maxSurge"));
        int maxConnections = Integer.parseInt(str(single("Cluster").doc(), "spec", "postgresql", "parameters", "max_connections"));
        assertTrue(maxConnections >= (maxReplicas + surge) * perPod,
                "max_connections " + maxConnections + " < (" + maxReplicas + " + " + surge + ") pods x " + perPod);
    }

    // -------------------------------------------------------------------------------- Redis

    @Test
    void redisIsSevenWithoutPersistenceBoundedByMaxmemoryWithLruEviction() {
        Map<String, Object> spec = asMap(get(named("Deployment", REDIS).doc(), "spec", "template", "spec"));
        List<Map<String, Object>> containers = maps(spec.get("containers"));
        assertEquals(1, containers.size());
        Map<String, Object> redis = containers.get(0);
        assertTrue(str(redis, "image").startsWith("redis:7"), "Redis 7");
        String command = String.join(" ", strings(redis.get("command"))) + " " + String.join(" ", strings(redis.get("args")));
        assertTrue(command.contains("--save ''") && command.contains("--appendonly no"), "no snapshots, no AOF: " + command);
        assertTrue(Pattern.compile("--maxmemory \\d+[kmg]b").matcher(command).find(), "a maxmemory bound");
        assertTrue(command.contains("--maxmemory-policy allkeys-lru"), "evicts the least recently used key");
        for (Map<String, Object> v : maps(spec.get("volumes"))) {
            assertTrue(v.containsKey("emptyDir"), "no persistent volume: " + v.get("name"));
        }
        assertFalse(manifests.stream().anyMatch(m -> "PersistentVolumeClaim".equals(m.kind())), "no claim of its own");
        assertTrue(named("Deployment", REDIS).doc().get("spec") instanceof Map<?, ?> redisSpec
                && !redisSpec.containsKey("volumeClaimTemplates"), "no claim template");
        assertEquals("Recreate", str(named("Deployment", REDIS).doc(), "spec", "strategy", "type"),
                "never two Redis at once: the invalidation channel would split");
    }

    @Test
    void redisRequiresThePasswordTheGatewaysRedisUrlCarriesAndItsServiceIsTheUrlsHost() throws IOException {
        Map<String, Object> redis = maps(get(named("Deployment", REDIS).doc(), "spec", "template", "spec", "containers")).get(0);
        Map<String, Object> password = null;
        for (Map<String, Object> env : maps(redis.get("env"))) {
            if ("REDIS_PASSWORD".equals(env.get("name"))) {
                password = asMap(get(env, "valueFrom", "secretKeyRef"));
            }
        }
        assertNotNull(password, "the password comes from a Secret");
        assertTrue(String.join(" ", strings(redis.get("args"))).contains("requirepass"), "Redis requires it");
        String urlSecret = null;
        for (Map<String, Object> env : maps(gateway().get("env"))) {
            if ("QUARKUS_REDIS_HOSTS".equals(env.get("name"))) {
                urlSecret = str(env, "valueFrom", "secretKeyRef", "name");
            }
        }
        assertEquals(urlSecret, password.get("name"), "password and URL in one Secret, made from one value");
        assertTrue(secretKeys(urlSecret).contains((String) password.get("key")));
        Map<String, Object> service = asMap(named("Service", REDIS).doc().get("spec"));
        assertEquals(asMap(get(named("Deployment", REDIS).doc(), "spec", "template", "metadata", "labels")),
                asMap(service.get("selector")));
        String example = Files.readString(K8S.resolve("secret.example.yaml"));
        assertTrue(example.contains("@" + REDIS + ":" + maps(service.get("ports")).get(0).get("port")),
                "the documented Redis URL names the Service");
        Map<String, Object> policy = asMap(named("NetworkPolicy", REDIS).doc().get("spec"));
        Map<String, Object> from = maps(maps(policy.get("ingress")).get(0).get("from")).get(0);
        assertEquals(asMap(get(gatewaySet().doc(), "spec", "template", "metadata", "labels")),
                asMap(get(from, "podSelector", "matchLabels")), "only the gateway reaches Redis");
    }

    // -------------------------------------------------------------------------------- compose

    @Test
    void composeRunsPostgres15Redis7AndTheGatewayEachWithAHealthCheck() throws IOException {
        Map<String, Object> services = asMap(compose().get("services"));
        assertEquals(Set.of("postgres", "redis", "gateway", "journal-owner"), services.keySet());
        assertTrue(str(services, "postgres", "image").startsWith("postgres:15"));
        assertTrue(str(services, "redis", "image").startsWith("redis:7"));
        for (String service : List.of("postgres", "redis", "gateway")) {
            assertNotNull(get(services, service, "healthcheck", "test"), service + " has a health check");
        }
        assertTrue(String.valueOf(get(services, "gateway", "healthcheck", "test")).contains("/q/health/ready"));
        Map<String, Object> dependsOn = asMap(get(services, "gateway", "depends_on"));
        for (String store : List.of("postgres", "redis")) {
            assertEquals("service_healthy", str(dependsOn, store, "condition"), "gateway waits for " + store);
        }
    }

    @Test
    void composeRunsTheImageJibBuildsAndKeepsDataInNamedVolumes() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> gateway = asMap(get(compose, "services", "gateway"));
        assertNull(gateway.get("build"), "the image comes from Jib, not from a compose build");
        Matcher image = Pattern.compile("\\$\\{GATEWAY_IMAGE:-([^}]+)}").matcher(String.valueOf(gateway.get("image")));
        assertTrue(image.matches(), "the image can be overridden and defaults to Jib's name: " + gateway.get("image"));
        assertEquals(jibRepository() + ":" + projectVersion(), image.group(1), "Jib's group/name:<project version>");
        Set<String> volumes = asMap(compose.get("volumes")).keySet();
        assertTrue(volumes.containsAll(Set.of("pgdata", "redisdata")));
        assertTrue(strings(get(compose, "services", "postgres", "volumes")).stream()
                .anyMatch(v -> v.startsWith("pgdata:/var/lib/postgresql/data")), "PostgreSQL's data in a named volume");
        assertNull(asMap(gateway.get("environment")).get("JAVA_OPTS"), "JAVA_OPTS is read by no one in the Jib image");
    }

    @Test
    void composeKeepsTheJournalInANamedVolumeHandedToTheGatewaysUserAndWaitsForShipping() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> gateway = asMap(get(compose, "services", "gateway"));
        assertTrue(asMap(compose.get("volumes")).containsKey("auditjournal"), "the journal survives the container");
        String journal = "auditjournal:" + JOURNAL_MOUNT;
        assertTrue(strings(gateway.get("volumes")).contains(journal), "the gateway mounts " + journal);
        String dir = str(gateway, "environment", "EXCHANGE_AUDIT_JOURNAL_DIR");
        assertNotNull(dir, "EXCHANGE_AUDIT_JOURNAL_DIR is set");
        assertTrue(dir.startsWith(JOURNAL_MOUNT + "/"), "the journal is in the volume: " + dir);
        // Docker makes a new named volume root's; the one-shot service gives it to the image's user first.
        Map<String, Object> owner = asMap(get(compose, "services", "journal-owner"));
        assertTrue(strings(owner.get("volumes")).contains(journal));
        String user = properties().get("quarkus.jib.user");
        assertEquals(List.of("chown", user + ":" + user, JOURNAL_MOUNT), strings(owner.get("entrypoint")));
        assertEquals(List.of("CHOWN"), strings(owner.get("cap_add")), "root with one capability, for one chown");
        assertEquals("service_completed_successfully", str(gateway, "depends_on", "journal-owner", "condition"));
        Map<String, String> env = new HashMap<>();
        asMap(gateway.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        long stopGrace = Duration.parse("PT" + str(gateway, "stop_grace_period").toUpperCase(Locale.ROOT)).toSeconds();
        assertTrue(stopGrace > shutdownSeconds(env), "stop_grace_period " + stopGrace + " s outlasts the shutdown and shipping");
    }

    @Test
    void composeMountsTheJwtKeyAsAFileAndCommitsNoPassword() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> env = asMap(get(compose, "services", "gateway", "environment"));
        Set<String> names = env.keySet();
        assertTrue(names.containsAll(PRODUCTION_SETTINGS), "missing: " + missing(names, PRODUCTION_SETTINGS));
        List<String> secrets = strings(get(compose, "services", "gateway", "secrets"));
        assertEquals(1, secrets.size());
        assertEquals("/run/secrets/" + secrets.get(0), env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertNotNull(get(compose, "secrets", secrets.get(0), "file"), "the key is a file on the host");
        for (Map.Entry<String, Object> e : env.entrySet()) {
            if (e.getKey().contains("PASSWORD")) {
                assertTrue(String.valueOf(e.getValue()).matches("\\$\\{[A-Z_]+:\\?[^}]*}"),
                        e.getKey() + " comes from the environment and is required, never written here");
            }
        }
        assertEquals(env.get("QUARKUS_DATASOURCE_PASSWORD"),
                get(compose, "services", "postgres", "environment", "POSTGRES_PASSWORD"));
    }

    // -------------------------------------------------------------------------------- dashboard

    @Test
    void theDashboardIsJsonWithAPrometheusDatasourceInput() throws IOException {
        JsonNode dashboard = dashboard();
        JsonNode input = dashboard.path("__inputs").path(0);
        assertEquals("DS_PROMETHEUS", input.path("name").asText());
        assertEquals("prometheus", input.path("pluginId").asText());
        assertFalse(dashboard.path("panels").isEmpty());
        for (JsonNode panel : dashboard.path("panels")) {
            assertEquals("${DS_PROMETHEUS}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText() + " has queries");
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsOneTheGatewayPublishes() throws IOException {
        Set<String> published = publishedMetrics();
        Pattern metric = Pattern.compile("\\b((?:exchange|http_server)_[a-z0-9_]+)\\b");
        List<String> unknown = new ArrayList<>();
        for (String expr : dashboardQueries().values()) {
            Matcher m = metric.matcher(expr);
            while (m.find()) {
                if (!published.contains(m.group(1))) {
                    unknown.add(m.group(1));
                }
            }
        }
        assertTrue(unknown.isEmpty(), "queried but never published: " + unknown + "; published: " + published);
    }

    @Test
    void theDashboardShowsPushAndExportRatesLookupLatencyCacheHitsAuditAndRefusals() throws IOException {
        Map<String, String> queries = dashboardQueries();
        Map<String, List<String>> needs = new LinkedHashMap<>();
        needs.put("push", List.of("exchange_push_records_total"));
        needs.put("export", List.of("exchange_export_rows_total"));
        needs.put("lookup latency", List.of("http_server_requests_seconds", "uri=\"" + lookupUri() + "\""));
        needs.put("cache hit ratio", List.of("exchange_cache_hits_total", "exchange_cache_misses_total"));
        needs.put("audit queue", List.of("exchange_audit_queue_depth"));
        needs.put("audit flush", List.of("exchange_audit_flush_seconds"));
        needs.put("refusals by code", List.of("exchange_refusals_total", "by (code)"));
        for (Map.Entry<String, List<String>> need : needs.entrySet()) {
            boolean shown = queries.entrySet().stream()
                    .anyMatch(q -> need.getValue().stream().allMatch(q.getValue()::contains));
            assertTrue(shown, "a panel for " + need.getKey() + " querying " + need.getValue());
        }
    }

    // -------------------------------------------------------------------------------- helpers

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Map<String, Object> compose() throws IOException {
        try (Reader in = Files.newBufferedReader(COMPOSE)) {
            return asMap(yaml().load(in));
        }
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /** Each query of the dashboard, keyed by panel title and refId. */
    private static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + "/" + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        JsonNode templating = dashboard().path("templating").path("list");
        for (JsonNode variable : templating) {
            queries.put("$" + variable.path("name").asText(), variable.path("definition").asText());
        }
        return queries;
    }

    /**
     * The Prometheus names of the meters the gateway registers, read from its source as Micrometer
     * renders them: dots become underscores, counters end in _total, timers in _seconds.
     */
    private static Set<String> publishedMetrics() throws IOException {
        Pattern builder = Pattern.compile(
                "(Counter|Gauge|Timer|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"|registry\\.gauge\\(\\s*\"([^\"]+)\"");
        Set<String> names = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            Matcher m = builder.matcher(Files.readString(source));
            while (m.find()) {
                String type = m.group(1) == null ? "Gauge" : m.group(1);
                String name = (m.group(2) == null ? m.group(3) : m.group(2)).replace('.', '_');
                switch (type) {
                    case "Counter" -> names.add(name + "_total");
                    case "Gauge" -> names.add(name);
                    case "Timer" -> names.addAll(List.of(name + "_seconds", name + "_seconds_count",
                            name + "_seconds_sum", name + "_seconds_max"));
                    default -> names.addAll(List.of(name, name + "_count", name + "_sum", name + "_max"));
                }
            }
        }
        // Quarkus' HTTP server timer (no histogram buckets: Quarkus publishes none by default).
        names.addAll(List.of("http_server_requests_seconds_count", "http_server_requests_seconds_sum",
                "http_server_requests_seconds_max"));
        return names;
    }

    /** The lookup route as the HTTP server metrics label it: ":param" becomes "{param}". */
    private static String lookupUri() throws IOException {
        String source = Files.readString(MAIN_JAVA.resolve("org/cityplatform/exchange/records/LookupRoute.java"));
        Matcher m = Pattern.compile("router\\.get\\(\"([^\"]+)\"\\)").matcher(source);
        assertTrue(m.find(), "LookupRoute registers a GET route");
        return m.group(1).replaceAll(":([A-Za-z0-9_]+)", "{$1}");
    }

    private static List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.kind())).toList();
    }

    private static Manifest single(String kind) {
        List<Manifest> found = ofKind(kind);
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    private static Manifest named(String kind, String name) {
        for (Manifest m : ofKind(kind)) {
            if (name.equals(m.name())) {
                return m;
            }
        }
        return fail("no " + kind + " " + name);
    }

    /** application.properties, without profile-qualified keys. */
    private static Map<String, String> properties() throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES)) {
            p.load(in);
        }
        Map<String, String> props = new HashMap<>();
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> props.put(k, p.getProperty(k)));
        return props;
    }

    /** group/name of the image Jib builds. */
    private static String jibRepository() throws IOException {
        Map<String, String> props = properties();
        return props.get("quarkus.container-image.group") + "/" + props.get("quarkus.container-image.name");
    }

    private static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(POM));
        assertTrue(m.find(), "the project's version in pom.xml");
        return m.group(1);
    }

    private static Set<String> names(String kind) {
        Set<String> names = new HashSet<>();
        ofKind(kind).forEach(m -> names.add(m.name()));
        return names;
    }

    private static Manifest gatewaySet() {
        return named("StatefulSet", GATEWAY);
    }

    private static Map<String, Object> podSpec() {
        return asMap(get(gatewaySet().doc(), "spec", "template", "spec"));
    }

    /**
     * The gateway's longest graceful shutdown with these settings (ops/ShutdownSequence): readiness
     * DOWN for the delay, requests in flight up to the timeout, then the audit queue and the
     * journal's unshipped events up to the audit flush.
     */
    private static long shutdownSeconds(Map<String, String> env) throws IOException {
        return seconds(env, "QUARKUS_SHUTDOWN_DELAY", "quarkus.shutdown.delay")
                + seconds(env, "QUARKUS_SHUTDOWN_TIMEOUT", "quarkus.shutdown.timeout")
                + seconds(env, "EXCHANGE_SHUTDOWN_AUDIT_FLUSH", "exchange.shutdown.audit-flush");
    }

    /** A duration setting: from the environment given, else application.properties. */
    private static long seconds(Map<String, String> env, String variable, String property) throws IOException {
        String value = env.containsKey(variable) ? env.get(variable) : properties().get(property);
        assertNotNull(value, variable + " or " + property + " is set");
        return Duration.parse("PT" + value.toUpperCase(Locale.ROOT)).toSeconds();
    }

    /** The default of a journal setting, as AuditSettings declares it. */
    private static String settingDefault(String method) throws IOException {
        Matcher m = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+\\w+ " + method + "\\(\\)")
                .matcher(Files.readString(AUDIT_SETTINGS));
        assertTrue(m.find(), "AuditSettings declares a default for " + method);
        return m.group(1);
    }

    /** A Quarkus MemorySize (binary units: 1G is 2^30 bytes), in bytes. */
    private static long memorySize(String size) {
        assertNotNull(size, "a memory size");
        Matcher m = Pattern.compile("(\\d+)([KMGT]?)B?").matcher(size.toUpperCase(Locale.ROOT));
        assertTrue(m.matches(), "a memory size: " + size);
        int power = m.group(2).isEmpty() ? 0 : "KMGT".indexOf(m.group(2)) + 1;
        return Long.parseLong(m.group(1)) << (10 * power);
    }

    private static Map<String, Object> gateway() {
        List<Map<String, Object>> containers = maps(podSpec().get("containers"));
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    /** A volume of the pod, or one of its claim templates (as {@code persistentVolumeClaim}). */
    private static Map<String, Object> volume(String name) {
        for (Map<String, Object> v : maps(podSpec().get("volumes"))) {
            if (name.equals(v.get("name"))) {
                return v;
            }
        }
        for (Map<String, Object> claim : maps(get(gatewaySet().doc(), "spec", "volumeClaimTemplates"))) {
            if (name.equals(get(claim, "metadata", "name"))) {
                return Map.of("name", name, "persistentVolumeClaim", claim);
            }
        }
        return fail("no volume " + name);
    }

    private static Map<String, String> configMapData() {
        Map<String, String> data = new HashMap<>();
        asMap(single("ConfigMap").doc().get("data")).forEach((k, v) -> data.put(k, String.valueOf(v)));
        return data;
    }

    private static Set<String> secretKeys(String name) {
        for (Manifest s : ofKind("Secret")) {
            if (name.equals(s.name())) {
                return asMap(s.doc().get("stringData")).keySet();
            }
        }
        return Set.of();
    }

    /** The labels select the gateway's pods. */
    private static void assertSelects(Map<String, Object> selector) {
        assertFalse(selector.isEmpty(), "an empty selector selects everything");
        Map<String, Object> podLabels = asMap(get(gatewaySet().doc(), "spec", "template", "metadata", "labels"));
        for (Map.Entry<String, Object> label : selector.entrySet()) {
            assertEquals(label.getValue(), podLabels.get(label.getKey()), "pod label " + label.getKey());
        }
    }

    private static Set<String> ports(Map<String, Object> rule) {
        Set<String> ports = new TreeSet<>();
        for (Map<String, Object> p : maps(rule.get("ports"))) {
            ports.add(p.getOrDefault("protocol", "TCP") + "/" + p.get("port"));
        }
        return ports;
    }

    /** A literal value must not be a key, a password in a URL or anything that looks like one. */
    private static void assertPlain(String name, Object value) {
        if (value == null) {
            return;
        }
        String v = String.valueOf(value);
        assertFalse(v.contains("-----BEGIN"), name + " holds a PEM block");
        assertFalse(v.matches("(?s).*://[^/\\s]*:[^/@\\s]+@.*"), name + " holds a URL with a password");
        assertFalse(v.toLowerCase(Locale.ROOT).contains("password="), name + " holds a password");
    }

    private static long quantity(String q) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?").matcher(q);
        assertTrue(m.matches(), "a quantity: " + q);
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        double factor = switch (unit) {
            case "m" -> 0.001;
            case "Ki" -> 1024;
            case "Mi" -> 1024 * 1024;
            case "Gi" -> 1024.0 * 1024 * 1024;
            case "Ti" -> 1024.0 * 1024 * 1024 * 1024;
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            default -> 1;
        };
        return Math.round(n * factor * 1000); // in thousandths, so 500m and 1 compare as CPU
    }

    private static List<String> missing(Set<String> have, List<String> want) {
        return want.stream().filter(w -> !have.contains(w)).toList();
    }

    private static Object get(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static String str(Object node, String... path) {
        Object value = get(node, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    private static List<Map<String, Object>> maps(Object node) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (node instanceof List<?> items) {
            items.forEach(i -> list.add(asMap(i)));
        }
        return list;
    }

    private static List<String> strings(Object node) {
        List<String> list = new ArrayList<>();
        if (node instanceof List<?> items) {
            items.forEach(i -> list.add(String.valueOf(i)));
        }
        return list;
    }
}
