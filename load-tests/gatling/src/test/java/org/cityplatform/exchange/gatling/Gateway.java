package org.cityplatform.exchange.gatling;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What the simulations need to know about the gateway(s) under load, from system properties (or the environment,
 * upper case with underscores: {@code gateway.urls} is {@code GATEWAY_URLS}), as load-tests/gatling-run.sh sets them.
 *
 * <ul>
 *   <li>{@code gateway.urls}: comma-separated base URLs; each virtual user takes one of them round-robin
 *       ({@code http.baseUrls}), which spreads the load over two instances.</li>
 *   <li>{@code provider.token}, {@code consumer.token}: agency tokens from deploy/local/token.sh.</li>
 *   <li>{@code dataset.unconditional}, {@code dataset.conditional}: dataset codes (the consumer holds a grant on the
 *       CONDITIONAL one).</li>
 *   <li>{@code keys.file}: a CSV file with header {@code key} and one pushed key a line.</li>
 *   <li>{@code duration.seconds}: how long each scenario runs (default 30).</li>
 * </ul>
 */
final class Gateway {

    private Gateway() {}

    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name.toUpperCase().replace('.', '_'));
        }
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalStateException("missing setting " + name + " (system property or environment)");
            }
            return fallback;
        }
        return value.trim();
    }

    static final List<String> URLS = Arrays.stream(setting("gateway.urls", "http://127.0.0.1:18130").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();
    static final String PROVIDER_TOKEN = setting("provider.token", null);
    static final String CONSUMER_TOKEN = setting("consumer.token", null);
    static final String UNCONDITIONAL = setting("dataset.unconditional", "gatling-unconditional");
    static final String CONDITIONAL = setting("dataset.conditional", "gatling-conditional");
    static final String KEYS_FILE = setting("keys.file", null);
    static final Duration DURATION = Duration.ofSeconds(Long.parseLong(setting("duration.seconds", "30")));

    /** Every pushed key, for building push bodies. */
    static List<String> keys() {
        try (var lines = Files.lines(Path.of(KEYS_FILE))) {
            return lines.skip(1).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpProtocolBuilder protocol() {
        return http.baseUrls(URLS)
                .acceptHeader("application/json")
                .userAgentHeader("exchange-gatling")
                .warmUp(URLS.get(0) + "/q/health/live");
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
