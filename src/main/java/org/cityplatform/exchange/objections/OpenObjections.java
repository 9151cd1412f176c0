package org.cityplatform.exchange.objections;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.cityplatform.exchange.infra.Invalidations;
import org.jboss.logging.Logger;

/**
 * The records under open objections, in memory: every read of a record asks whether it is
 * disputed ("objection":{"id","status"}, docs/api.md), so the answer cannot cost a query. Open
 * objections are few; the whole set is reloaded on every change of one, here at once and on other
 * instances through the invalidation channel, and every few seconds in case a message was missed.
 */
@Singleton
public class OpenObjections {

    private static final Logger LOG = Logger.getLogger(OpenObjections.class);
    private static final String OPEN = "SELECT id, dataset, key, status FROM objections WHERE status <> 'RESOLVED'";
    static final long REFRESH_MILLIS = 5_000;

    /** An open objection as reads show it. */
    public record Mark(long id, ObjectionStatus status) {

        public String json() {
            return "{\"id\":" + id + ",\"status\":\"" + status + "\"}";
        }
    }

    private final Pool pool;
    private final Invalidations invalidations;
    private final Vertx vertx;
    private volatile Map<String, Map<String, Mark>> byDataset = Map.of();

    OpenObjections(Pool pool, Invalidations invalidations, Vertx vertx) {
        this.pool = pool;
        this.invalidations = invalidations;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        invalidations.listen(change -> {
            if (change.topic() == Invalidations.Topic.OBJECTION) {
                reload().subscribe().with(v -> { }, e -> LOG.warnf("open objections not reloaded: %s", e.getMessage()));
            }
        });
        vertx.setPeriodic(REFRESH_MILLIS, id -> reload().subscribe().with(v -> { }, e -> { }));
        reload().subscribe().with(v -> { }, e -> LOG.debugf("open objections load deferred: %s", e.getMessage()));
    }

    /** The open objection on this record, or null. */
    public Mark of(String dataset, String key) {
        Map<String, Mark> marks = byDataset.get(dataset);
        return marks == null ? null : marks.get(key);
    }

    /** The marks of one dataset's disputed records, as JSON by key; empty for most datasets. */
    public Map<String, String> jsonByKey(String dataset) {
        Map<String, Mark> marks = byDataset.get(dataset);
        if (marks == null) {
            return Map.of();
        }
        Map<String, String> json = new HashMap<>();
        marks.forEach((key, mark) -> json.put(key, mark.json()));
        return json;
    }

    /** A record's JSON object with its open objection added, when it has one. */
    public String marked(String dataset, String key, String recordJson) {
        Mark mark = of(dataset, key);
        if (mark == null) {
            return recordJson;
        }
        int end = recordJson.lastIndexOf('}');
        return recordJson.substring(0, end) + ",\"objection\":" + mark.json() + recordJson.substring(end);
    }

    /** After an objection changed: reload here, and tell the other instances. */
    Uni<Void> changed(Objection changed) {
        return reload().call(() -> invalidations.publish(Invalidations.Topic.OBJECTION, String.valueOf(changed.id)));
    }

    private Uni<Void> reload() {
        return pool.query(OPEN).execute().invoke(rows -> {
            Map<String, Map<String, Mark>> fresh = new HashMap<>();
            for (Row row : rows) {
                fresh.computeIfAbsent(row.getString(1), d -> new HashMap<>())
                        .put(row.getString(2), new Mark(row.getLong(0), ObjectionStatus.valueOf(row.getString(3))));
            }
            byDataset = fresh;
        }).replaceWithVoid();
    }
}
