package org.cityplatform.exchange.problem;

import org.cityplatform.exchange.identity.InvalidKeyException;
import org.jboss.logging.Logger;

/**
 * What a failure means to the client, for the REST mappers and the plain Vert.x routes alike: an
 * answer we raised, a bad key, a database that is away or refused a duplicate, or a fault of ours.
 */
public final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class);

    private Failures() {
    }

    /** The problem a failure stands for, or null for a fault of ours (logged here, with its request). */
    public static ProblemException translate(Throwable failure, String method, String path) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof ProblemException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ProblemException p) {
            return p;
        }
        if (cause instanceof InvalidKeyException k) {
            return new ProblemException(ProblemCode.INVALID_KEY, k.getMessage());
        }
        ProblemException database = DatabaseFailures.classify(cause);
        if (database != null) {
            if (database.code() == ProblemCode.UNAVAILABLE) {
                LOG.errorf("database unavailable on %s %s: %s", method, path, cause.toString());
            }
            return database;
        }
        LOG.errorf(failure, "unexpected failure on %s %s", method, path);
        return null;
    }

    /** The answer to a fault of ours: no detail but the request id that finds it in the logs. */
    public static Problem internalError(String requestId) {
        return new Problem("urn:cityplatform:exchange:problem:internal-error", "Internal error", 500,
                "the gateway failed unexpectedly; the request id identifies it in the logs", "INTERNAL_ERROR", requestId);
    }
}
