package org.cityplatform.exchange.audit;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.cityplatform.exchange.infra.RequestIds;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * Who asked and why, as the audit trail records it: the agency and {@code sub} of the token (when
 * there was a usable one), the request id, and the caller's case or purpose reference from
 * {@code X-Case-Id} (docs/api.md, "Conventions").
 */
public record Requester(String agency, String sub, String requestId, String caseId) {

    public static final String CASE_HEADER = "X-Case-Id";
    static final int MAX_CASE_ID = 128;

    /**
     * The case reference, percent-decoded (HTTP headers carry ASCII: a reference in Chinese is sent
     * as percent-encoded UTF-8, {@code %E7%A8%8E...}). Fails with 400 when it is malformed or too
     * long: it is stored and searched, never cut.
     */
    public static String caseId(HttpServerRequest request) {
        String raw = request.getHeader(CASE_HEADER);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String caseId;
        try {
            caseId = raw.indexOf('%') < 0 ? raw : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    CASE_HEADER + " is not valid percent-encoded UTF-8: " + e.getMessage());
        }
        if (caseId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, CASE_HEADER + " holds control characters");
        }
        if (caseId.length() > MAX_CASE_ID) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    CASE_HEADER + " is " + caseId.length() + " characters long; at most " + MAX_CASE_ID + " are kept");
        }
        return caseId.strip();
    }

    /** The case reference if it is usable, for the event of a request refused for another reason. */
    static String caseIdOrNull(HttpServerRequest request) {
        try {
            return caseId(request);
        } catch (ProblemException e) {
            return null;
        }
    }

    public static Requester of(HttpServerRequest request, String agency, String sub) {
        return new Requester(agency, sub, RequestIds.of(request), caseIdOrNull(request));
    }

    public AuditEvent event(AuditAction action, String dataset, String subject, Long count, String cursorFrom,
                            String cursorTo, AuditOutcome outcome, ProblemCode code) {
        return new AuditEvent(Instant.now(), agency, sub, action, dataset, subject, count, cursorFrom, cursorTo,
                outcome, code == null ? null : code.name(), requestId, caseId);
    }

    /** The event of a request that succeeded. */
    public AuditEvent ok(AuditAction action, String dataset, String subject, Long count, String cursorFrom,
                         String cursorTo) {
        return event(action, dataset, subject, count, cursorFrom, cursorTo, AuditOutcome.OK, null);
    }

    /** The event of a request that failed with this code (null: a fault of ours). */
    public AuditEvent failed(AuditAction action, String dataset, String subject, ProblemCode code) {
        AuditOutcome outcome = code == null ? AuditOutcome.FAILED : AuditOutcome.ofStatus(code.status());
        return event(action, dataset, subject, null, null, null, outcome, code);
    }
}
