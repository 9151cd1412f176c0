package org.cityplatform.exchange.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.Set;

/** Tokens as the platform's identity provider would issue them, signed with the dev key. */
public final class Tokens {

    public static final String ISSUER = "urn:cityplatform:exchange:dev";
    public static final String DEV_PRIVATE_KEY = "deploy/local/keys/dev-private.pem";

    private Tokens() {
    }

    public static String center() {
        return claims("center-staff", null, "center").sign(DEV_PRIVATE_KEY);
    }

    public static String agency(String agencyCode) {
        return claims("system-" + agencyCode, agencyCode, "agency").sign(DEV_PRIVATE_KEY);
    }

    public static String ops() {
        return claims("ops-staff", null, "ops").sign(DEV_PRIVATE_KEY);
    }

    public static JwtClaimsBuilder claims(String sub, String agency, String... groups) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER).subject(sub).groups(Set.of(groups))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600));
        if (agency != null) {
            builder.claim("agency", agency);
        }
        return builder;
    }
}
