package org.cityplatform.exchange.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.InetAddress;
import java.net.URL;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The private half of the dev key pair is committed to the repository, so anyone can mint a center
 * token that a profile trusting the dev key accepts: such a profile must not be reachable from
 * another machine. The prod profile refuses the dev key (ProductionKeyRules).
 */
class DevKeysStayOnThisMachineTest {

    private static final URL PROPERTIES = url(Path.of("src/main/resources/application.properties"));

    @Test
    void everyProfileThatTrustsTheDevKeyListensOnTheLoopbackInterfaceOnly() throws Exception {
        Set<String> trusting = new TreeSet<>();
        for (String profile : profiles()) {
            SmallRyeConfig config = configOf(profile);
            if (config.getOptionalValue("mp.jwt.verify.issuer", String.class).orElse("").equals(DevKeys.ISSUER)) {
                trusting.add(profile);
                String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
                assertTrue(InetAddress.getByName(host).isLoopbackAddress(),
                        "profile " + profile + " trusts the dev key and listens on " + host);
            }
        }
        // Both profiles are known to trust it: the loop above must not pass by finding none.
        assertEquals(Set.of("local", "test"), trusting);
    }

    /** The profiles application.properties names (%name.key=value). */
    private static Set<String> profiles() throws Exception {
        Set<String> profiles = new TreeSet<>();
        for (String name : new PropertiesConfigSource(PROPERTIES).getPropertyNames()) {
            if (name.startsWith("%")) {
                profiles.add(name.substring(1, name.indexOf('.')));
            }
        }
        return profiles;
    }

    private static SmallRyeConfig configOf(String profile) throws Exception {
        return new SmallRyeConfigBuilder().withProfile(profile).withSources(new PropertiesConfigSource(PROPERTIES)).build();
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
