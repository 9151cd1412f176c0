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
        ProblemException problem = classify(failure);
        if (problem == null) {
            LOG.errorf(failure, "unexpected failure on %s %s", method, path);
        } else if (problem.code() == ProblemCode.UNAVAILABLE) {
            LOG.errorf("database unavailable on %s %s: %s", method, path, rootOf(failure).toString());
        }
        return problem;
    }

    /** The code a failure will be answered with, or null for a fault of ours; logs nothing. */
    public static ProblemCode codeOf(Throwable failure) {
        ProblemException problem = classify(failure);
        return problem == null ? null : problem.code();
    }

    private static ProblemException classify(Throwable failure) {
        Throwable cause = rootOf(failure);
        if (cause instanceof ProblemException p) {
            return p;
        }
        if (cause instanceof InvalidKeyException k) {
            return new ProblemException(ProblemCode.INVALID_KEY, k.getMessage());
        }
        return DatabaseFailures.classify(cause);
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof ProblemException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
