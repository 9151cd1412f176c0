package org.cityplatform.exchange.audit;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Behind a "proxy" (each test its own X-Forwarded-For), with a small limit of unauthenticated refusal events. */
public class AnonymousRefusalsProfile implements QuarkusTestProfile {

    static final int EVENTS_PER_ADDRESS_PER_MINUTE = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "exchange.open-data.trust-forwarded-for", "true",
                "exchange.security.anonymous-refusals.events-per-address-per-minute",
                Integer.toString(EVENTS_PER_ADDRESS_PER_MINUTE),
                "exchange.security.anonymous-refusals.events-per-minute", "1000");
    }
}
