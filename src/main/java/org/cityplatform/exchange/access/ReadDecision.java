package org.cityplatform.exchange.access;

import java.util.Set;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/** The answer of {@link AccessPolicy} to one read: the fields the caller may see, or why not. */
public sealed interface ReadDecision {

    record Allowed(Set<String> fields, boolean whole) implements ReadDecision {
    }

    record Refused(ProblemCode code, String reason) implements ReadDecision {

        public ProblemException asProblem() {
            return new ProblemException(code, reason);
        }
    }
}
