package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;

/**
 * Art. 8: data involving privacy or commercial secrets is not UNCONDITIONAL. The catalog refuses
 * such datasets now (CatalogRules); ones stored before are not changed silently but listed for the
 * center: one notification each, and a count in readiness ({@link CatalogRulesReadinessCheck}).
 */
@ApplicationScoped
public class SensitiveUnconditionalDatasets {

    static final String QUERY = """
            SELECT code FROM datasets
            WHERE sharing_class = 'UNCONDITIONAL' AND EXISTS (
                SELECT 1 FROM jsonb_array_elements(schema -> 'fields') f WHERE f ->> 'sensitive' = 'true')
            ORDER BY code""";

    private final Pool pool;
    private final NotificationService notifications;

    SensitiveUnconditionalDatasets(Pool pool, NotificationService notifications) {
        this.pool = pool;
        this.notifications = notifications;
    }

    /** The codes of the datasets that break the rule now. */
    public Uni<List<String>> codes() {
        return pool.query(QUERY).execute().map(rows -> {
            List<String> codes = new ArrayList<>();
            rows.forEach(row -> codes.add(row.getString(0)));
            return codes;
        });
    }

    @Scheduled(every = "1h", delay = 50, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return notifyCenter().replaceWithVoid();
    }

    /** Tells the center of each breaking dataset it has not yet been told of; answers them all. */
    @WithTransaction
    public Uni<List<String>> notifyCenter() {
        return codes().call(codes -> {
            Uni<Void> told = Uni.createFrom().voidItem();
            for (String code : codes) {
                String subject = "dataset " + code;
                told = told.call(() -> notifications.sent(Notification.CENTER, NotificationKind.CATALOG_RULE, subject)
                        .call(sent -> sent ? Uni.createFrom().voidItem()
                                : notifications.send(Notification.CENTER, NotificationKind.CATALOG_RULE, subject,
                                        "dataset " + code + " is UNCONDITIONAL but has fields marked sensitive: data "
                                                + "involving privacy or commercial secrets is shared on conditions (Art. 8). "
                                                + "Classify it CONDITIONAL, or have its provider unmark the fields.")));
            }
            return told;
        });
    }
}
