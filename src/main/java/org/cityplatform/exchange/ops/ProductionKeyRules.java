package org.cityplatform.exchange.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The plain rules behind {@link ProductionKeyGuard}, testable without starting anything. */
public final class ProductionKeyRules {

    private ProductionKeyRules() {
    }

    /** Why production must not start with this configuration, or null when it may. */
    public static String refusal(Optional<String> keyLocation, Optional<String> inlineKey, Optional<String> issuer) {
        if (keyLocation.filter(s -> !s.isBlank()).isEmpty() && inlineKey.filter(s -> !s.isBlank()).isEmpty()) {
            return "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION) is not set";
        }
        if (issuer.filter(s -> !s.isBlank()).isEmpty()) {
            return "mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) is not set";
        }
        if (issuer.get().equals(DevKeys.ISSUER)) {
            return "the development issuer " + DevKeys.ISSUER + " is configured";
        }
        String key = inlineKey.filter(s -> !s.isBlank()).orElseGet(() -> read(keyLocation.get()));
        if (key != null && DevKeys.isDevPublicKey(key)) {
            return "the configured public key is the development key of deploy/local/keys";
        }
        return null;
    }

    private static String read(String location) {
        try {
            if (location.startsWith("http:") || location.startsWith("https:")) {
                return null; // a JWKS endpoint is never the dev key file
            }
            Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            if (Files.isReadable(path)) {
                return Files.readString(path, StandardCharsets.US_ASCII);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(location.replaceFirst("^classpath:", ""))) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
