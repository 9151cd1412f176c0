package org.cityplatform.exchange.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The standing of an agency (registered, active, agreement signed), asked on every request. It uses
 * the reactive client directly: one indexed read, no Hibernate session to open on the hot path.
 */
@ApplicationScoped
public class AgencyDirectory {

    private final Pool pool;

    AgencyDirectory(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<AgencyStanding>> standing(String code) {
        return pool.preparedQuery("SELECT status, agreement_signed_at IS NOT NULL FROM agencies WHERE code = $1")
                .execute(Tuple.of(code))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new AgencyStanding(code,
                            AgencyStatus.ACTIVE.name().equals(row.getString(0)), row.getBoolean(1)));
                });
    }
}
