package org.cityplatform.exchange.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * Points the gateway under test at a {@link TcpProxy} in front of the shared Redis, so that a test
 * can make Redis fail for this gateway alone. The proxy is injected into the test's field of type
 * TcpProxy. A test class that uses it runs in a Quarkus application of its own.
 */
public class RedisThroughProxy implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        // The Redis the run would use otherwise (a -Dquarkus.redis.hosts override included).
        URI redis = URI.create(System.getProperty("quarkus.redis.hosts", "redis://127.0.0.1:6379").split(",")[0].strip());
        try {
            proxy = TcpProxy.to(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String user = redis.getRawUserInfo() == null ? "" : redis.getRawUserInfo() + "@";
        String path = redis.getRawPath() == null ? "" : redis.getRawPath();
        return Map.of("quarkus.redis.hosts", "redis://" + user + "127.0.0.1:" + proxy.port() + path);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
