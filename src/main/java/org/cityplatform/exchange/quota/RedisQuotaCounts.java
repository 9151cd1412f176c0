package org.cityplatform.exchange.quota;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared side of the quotas in Redis: request windows and export slots, each change one
 * script call (one round trip, atomic). Leases are timed by Redis's own clock, so instances whose
 * clocks differ agree on when a slot lapses.
 */
@Singleton
public class RedisQuotaCounts implements RequestWindows.SharedCounts, ExportSlots.SharedSlots {

    private static final String ADD = """
            local totals = {}
            for i, key in ipairs(KEYS) do
              totals[i] = redis.call('INCRBY', key, ARGV[i])
              redis.call('EXPIRE', key, 2)
            end
            return totals""";
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;
    private static final String CLAIM = NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1""";
    // XX: a slot given back meanwhile is not brought back by a renewal that crossed its release.
    private static final String RENEW = NOW + """
            local expires = now + tonumber(ARGV[1])
            for i, key in ipairs(KEYS) do
              redis.call('ZADD', key, 'XX', expires, ARGV[i + 1])
              redis.call('PEXPIRE', key, ARGV[1])
            end
            return #KEYS""";

    private final ReactiveRedisDataSource redis;
    private final String leaseMillis;

    RedisQuotaCounts(ReactiveRedisDataSource redis, QuotaSettings settings) {
        this.redis = redis;
        this.leaseMillis = Long.toString(settings.exportLease().toMillis());
    }

    static String slots(String agency) {
        return "exchange:quota:" + agency + ":exports";
    }

    @Override
    public Uni<List<Long>> add(List<String> keys, List<Long> deltas) {
        List<String> args = new ArrayList<>(2 + 2 * keys.size());
        args.add(ADD);
        args.add(Integer.toString(keys.size()));
        args.addAll(keys);
        deltas.forEach(d -> args.add(Long.toString(d)));
        return redis.execute("EVAL", args.toArray(new String[0])).map(reply -> {
            List<Long> totals = new ArrayList<>(reply.size());
            for (Response total : reply) {
                totals.add(total.toLong());
            }
            return totals;
        });
    }

    @Override
    public Uni<Boolean> claim(String agency, String export, int cap) {
        return redis.execute("EVAL", CLAIM, "1", slots(agency), export, Integer.toString(cap), leaseMillis)
                .map(reply -> reply.toLong() == 1L);
    }

    @Override
    public Uni<Void> release(String agency, String export) {
        return redis.execute("ZREM", slots(agency), export).replaceWithVoid();
    }

    @Override
    public Uni<Void> renew(Map<String, List<String>> exportsByAgency) {
        List<String> keys = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        exportsByAgency.forEach((agency, ids) -> ids.forEach(id -> {
            keys.add(slots(agency));
            exports.add(id);
        }));
        List<String> args = new ArrayList<>(3 + 2 * keys.size());
        args.add(RENEW);
        args.add(Integer.toString(keys.size()));
        args.addAll(keys);
        args.add(leaseMillis);
        args.addAll(exports);
        return redis.execute("EVAL", args.toArray(new String[0])).replaceWithVoid();
    }
}
