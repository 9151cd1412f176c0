package org.cityplatform.exchange.opendata;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Open data tests run behind a "proxy": each test sends its own X-Forwarded-For, so every test
 * has fresh per-address limits, and the export limit is small enough to reach quickly.
 */
public class OpenDataProfile implements QuarkusTestProfile {

    static final int EXPORTS_PER_MINUTE = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "exchange.open-data.trust-forwarded-for", "true",
                "exchange.open-data.requests-per-minute", "60",
                "exchange.open-data.exports-per-minute", Integer.toString(EXPORTS_PER_MINUTE));
    }
}
