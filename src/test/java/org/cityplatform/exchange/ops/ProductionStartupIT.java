package org.cityplatform.exchange.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.cityplatform.exchange.support.GatewayProcess;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md, "Running it": the default (prod) profile never trusts the dev keys and refuses to start
 * without its own key and issuer. Runs the packaged jar as an operator would.
 */
class ProductionStartupIT {

    private static Map<String, String> prodEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/exchange_test");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/exchange_test");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        return env;
    }

    private static String refusalOf(Map<String, String> env, int port) throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(port, env)) {
            Integer exit = gateway.awaitExit(Duration.ofSeconds(90));
            assertNotNull(exit, "the gateway should have refused to start, but it is running:\n" + gateway.output());
            assertNotEquals(0, exit);
            return gateway.output();
        }
    }

    @Test
    void productionRefusesToStartWithoutAPublicKey() throws Exception {
        Map<String, String> env = prodEnvironment();
        env.put("MP_JWT_VERIFY_ISSUER", "https://idp.city.example");
        String output = refusalOf(env, 18091);
        assertTrue(output.contains("refusing to start: mp.jwt.verify.publickey.location"), output);
    }

    @Test
    void productionRefusesToStartWithoutAnIssuer() throws Exception {
        Map<String, String> env = prodEnvironment();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", writeFreshPublicKey().toString());
        String output = refusalOf(env, 18092);
        assertTrue(output.contains("refusing to start: mp.jwt.verify.issuer"), output);
    }

    @Test
    void productionNeverTrustsTheDevelopmentKeyEvenCopiedElsewhere() throws Exception {
        Path copy = Files.createTempFile("innocent-looking", ".pem");
        Files.copy(Path.of("deploy/local/keys/dev-public.pem"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = prodEnvironment();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", copy.toString());
        env.put("MP_JWT_VERIFY_ISSUER", "https://idp.city.example");
        String output = refusalOf(env, 18093);
        assertTrue(output.contains("refusing to start: the configured public key is the development key"), output);
    }

    @Test
    void productionNeverRunsWithoutItsAuditTrail_Art31() throws Exception {
        Map<String, String> env = prodEnvironment();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", writeFreshPublicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", "https://idp.city.example");
        env.put("EXCHANGE_AUDIT_DISABLED_FOR_BENCHMARK", "true");
        String output = refusalOf(env, 18095);
        assertTrue(output.contains("refusing to start: exchange.audit.disabled-for-benchmark is set"), output);
    }

    @Test
    void productionStartsWithItsOwnKeyAndIssuer() throws Exception {
        Map<String, String> env = prodEnvironment();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", writeFreshPublicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", "https://idp.city.example");
        try (GatewayProcess gateway = GatewayProcess.start(18094, env)) {
            gateway.awaitLive(Duration.ofSeconds(90));
            assertEquals(null, gateway.awaitExit(Duration.ofMillis(10)));
        }
    }

    private static Path writeFreshPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path file = Files.createTempFile("prod-public", ".pem");
        Files.writeString(file, pem);
        return file;
    }
}
