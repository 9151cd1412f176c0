package org.cityplatform.exchange.problem;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.persistence.OptimisticLockException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Set;
import org.hibernate.StaleStateException;

/**
 * Tells a database failure that is the client's doing (a duplicate, a change racing another) from
 * one that is ours (the database is away), so neither becomes an anonymous 500.
 */
public final class DatabaseFailures {

    // Unique keys whose violation means "that source already exists" rather than a plain duplicate.
    private static final Set<String> SOURCE_CONSTRAINTS = Set.of("element_sources_pkey");
    // Connection exceptions, operator intervention, insufficient resources, system errors.
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "57", "53", "58");

    private DatabaseFailures() {
    }

    /** The problem a root cause stands for, or null when it is no database failure we understand. */
    public static ProblemException classify(Throwable cause) {
        if (cause instanceof PgException pg) {
            String state = pg.getSqlState() == null ? "" : pg.getSqlState();
            if (state.equals("23505")) {
                boolean source = SOURCE_CONSTRAINTS.contains(pg.getConstraint());
                return new ProblemException(source ? ProblemCode.DUPLICATE_SOURCE : ProblemCode.DUPLICATE,
                        source ? "that data element already has another source (Art. 4(1), 12)"
                                : "a resource with that identifier already exists");
            }
            if (state.length() >= 2 && UNAVAILABLE_CLASSES.contains(state.substring(0, 2))) {
                return unavailable();
            }
            return null;
        }
        if (cause instanceof StaleStateException || cause instanceof OptimisticLockException) {
            // Two requests changed one versioned row at once (two responses to one order, two
            // decisions on one application): the later one lost, as if it had come second.
            return new ProblemException(ProblemCode.INVALID_STATE,
                    "another request changed this resource at the same moment; read it again and retry if still needed");
        }
        if (cause instanceof ConnectException || cause instanceof SocketException || isReset(cause)
                || cause instanceof ClosedConnectionException || cause instanceof ConnectionPoolTooBusyException
                || isPoolTimeout(cause)) {
            return unavailable();
        }
        return null;
    }

    /*
     * A connection the server reset while the client read from it: Java's socket channels report it
     * as a plain IOException ("Connection reset by peer"), not as a SocketException, as when the
     * database is cut off (AuditDurabilityIT). Subclasses (a file of the journal) are not this.
     */
    private static boolean isReset(Throwable cause) {
        return cause.getClass() == java.io.IOException.class;
    }

    // The pool's acquire timeout (ops/PoolSettings): every connection stayed busy longer than a request waits.
    // Vert.x says so with a bare "Timeout" when acquiring, "Timeout waiting for connection" when querying.
    private static boolean isPoolTimeout(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        return (cause instanceof NoStackTraceThrowable && message.equals("Timeout"))
                || (cause instanceof VertxException && message.startsWith("Timeout waiting for connection"));
    }

    private static ProblemException unavailable() {
        return new ProblemException(ProblemCode.UNAVAILABLE, "the database cannot take the request now; retry later");
    }
}
