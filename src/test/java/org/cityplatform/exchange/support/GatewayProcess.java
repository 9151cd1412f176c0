package org.cityplatform.exchange.support;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged gateway (target/quarkus-app/quarkus-run.jar) started as its own process, the way an
 * operator runs it: for tests of startup rules, several instances, crashes and shutdown.
 */
public final class GatewayProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    // Outside @QuarkusTest, REST Assured labels a body of a type it does not know (NDJSON) ISO-8859-1,
    // which a push refuses with 415: bodies here are UTF-8, and say so.
    private static final RestAssuredConfig UTF_8_BODIES = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset(StandardCharsets.UTF_8));

    private final Process process;
    private final Path log;
    private final int port;

    private GatewayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    private static final Set<Integer> STARTED_PORTS = ConcurrentHashMap.newKeySet();

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Starts the jar with the given environment added to this JVM's; the profile comes from env. */
    public static GatewayProcess start(int port, Map<String, String> env, String... jvmArgs) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after 'package' (./mvnw verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Files.createTempFile("gateway-" + port + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // Whatever its profile, a gateway started by a test is for this machine only.
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // The database the run names (-Dquarkus.datasource.jdbc.url=...), so that runs on separate
        // databases keep to their own; a test's env still has the last word.
        for (String setting : List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url")) {
            String url = System.getProperty(setting);
            if (url != null) {
                builder.environment().put(setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), url);
            }
        }
        // A journal of its own per port: a test that restarts an instance restarts it on its port.
        // The first start on a port in this run begins empty: an earlier run's journal holds chains
        // of a database that run dropped, and would ship them into this run's.
        Path journal = Path.of("target", "audit-journal-" + port);
        if (STARTED_PORTS.add(port)) {
            deleteRecursively(journal);
        }
        builder.environment().put("EXCHANGE_AUDIT_JOURNAL_DIR", journal.toString());
        builder.environment().putAll(env);
        return new GatewayProcess(builder.start(), log, port);
    }

    /** Waits for the process to end by itself; returns its exit code, or null if it still runs. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Waits until liveness answers 200, or fails with the process's output. */
    public GatewayProcess awaitLive(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/q/health/live").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("gateway not live within " + timeout + ":\n" + output());
    }

    /** A request to this process with the given bearer token. */
    public io.restassured.specification.RequestSpecification as(String token) {
        return io.restassured.RestAssured.given().config(UTF_8_BODIES).baseUri(baseUrl()).auth().oauth2(token);
    }

    /** Registers an agency through this process and signs its agreement; returns its code. */
    public String registerSignedAgency(String name) {
        String code = TestCodes.creditCode();
        as(Tokens.center()).contentType("application/json")
                .body(java.util.Map.of("code", code, "name", name, "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies").then().statusCode(201);
        as(Tokens.agency(code)).contentType("application/json")
                .body(java.util.Map.of("signedBy", "test", "version", "2016-1"))
                .post("/api/v1/agencies/" + code + "/agreement").then().statusCode(200);
        return code;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        // A fault of the gateway's own (an answer 500), and why it fell back to the database or found
        // it away, are printed before its log goes: a test that met one fails, and its run's output
        // is all that is left to find the cause in.
        try (Stream<String> lines = Files.lines(log)) {
            lines.filter(line -> line.contains("unexpected failure") || line.contains("database unavailable")
                            || line.contains("invalidations unheard")).limit(20)
                    .forEach(line -> System.out.println("gateway " + port + ": " + line));
        } catch (java.io.UncheckedIOException | IOException unreadable) {
            // the log is only a help here
        }
        Files.deleteIfExists(log);
    }
}
