package org.cityplatform.exchange.ops;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Production never runs without its own token key and issuer, and never trusts the development
 * keys shipped in the repository: a gateway that did would hand every record to anyone who read
 * this repository (Art. 28, 31). Nor does it run with the audit trail switched off, a setting that
 * exists only to measure what the trail costs (Art. 31).
 */
@Singleton
public class ProductionKeyGuard {

    void check(@Observes StartupEvent event, Config config) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (LaunchMode.current() != LaunchMode.NORMAL || profiles.contains("local") || profiles.contains("test")) {
            return;
        }
        Optional<String> key = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        Optional<String> inlineKey = config.getOptionalValue("mp.jwt.verify.publickey", String.class);
        Optional<String> issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class);
        String problem = ProductionKeyRules.refusal(key, inlineKey, issuer);
        if (problem == null && config.getOptionalValue("exchange.audit.disabled-for-benchmark", Boolean.class).orElse(false)) {
            problem = "exchange.audit.disabled-for-benchmark is set: production always keeps its audit trail (Art. 31)";
        }
        if (problem != null) {
            throw new IllegalStateException("refusing to start: " + problem);
        }
    }
}
