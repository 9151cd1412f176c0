package org.cityplatform.exchange.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Another program that uses the shared PostgreSQL and Redis while a test runs: its connections are
 * opened before the test makes a service fail for the gateway, and must still answer, promptly,
 * while the failure lasts and after it. A test that stopped, paused or reconfigured a shared
 * service instead of failing it through a {@link TcpProxy} would break them.
 */
public final class Bystander implements AutoCloseable {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final InetSocketAddress REDIS = new InetSocketAddress("127.0.0.1", 6379);
    private static final int PROMPTLY_MILLIS = 1000;

    private final Connection postgres;
    private final Socket redis;

    private Bystander(Connection postgres, Socket redis) {
        this.postgres = postgres;
        this.redis = redis;
    }

    /** Connects to both shared services, the way an unrelated program would. */
    public static Bystander connect() throws SQLException, IOException {
        Connection postgres = DriverManager.getConnection(POSTGRES, "postgres", "");
        Socket redis = new Socket();
        try {
            redis.connect(REDIS, PROMPTLY_MILLIS);
            redis.setSoTimeout(PROMPTLY_MILLIS);
        } catch (IOException e) {
            postgres.close();
            redis.close();
            throw e;
        }
        Bystander bystander = new Bystander(postgres, redis);
        bystander.assertServed();
        return bystander;
    }

    /** Both connections answer a query within a second; fails with what went wrong otherwise. */
    public void assertServed() {
        try (Statement statement = postgres.createStatement()) {
            statement.setQueryTimeout(PROMPTLY_MILLIS / 1000);
            try (ResultSet one = statement.executeQuery("SELECT 1")) {
                one.next();
            }
        } catch (SQLException e) {
            throw new AssertionError("the shared PostgreSQL stopped serving another program's connection", e);
        }
        try {
            redis.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] pong = new byte[7];
            InputStream in = redis.getInputStream();
            if (in.readNBytes(pong, 0, pong.length) != pong.length
                    || !"+PONG\r\n".equals(new String(pong, StandardCharsets.US_ASCII))) {
                throw new AssertionError("the shared Redis answered another program's PING with "
                        + new String(pong, StandardCharsets.US_ASCII).strip());
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the shared Redis did not answer another program's PING within a second", e);
        } catch (IOException e) {
            throw new AssertionError("the shared Redis dropped another program's connection", e);
        }
    }

    @Override
    public void close() throws Exception {
        try (postgres; redis) {
            // both closed, even if one fails
        }
    }
}
