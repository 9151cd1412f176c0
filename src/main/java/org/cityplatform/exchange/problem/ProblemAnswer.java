package org.cityplatform.exchange.problem;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one answer a problem gets, whoever writes it: its status, its headers and its RFC 9457 body
 * with any extension members (section 3.2). The REST mappers ({@link ProblemResponses}) and the
 * plain Vert.x routes ({@link RouteProblems}) only write it to their response type, so a refusal
 * reads the same whichever path a request took.
 *
 * @param problem    the members every problem has
 * @param headers    the headers the status asks for, in the order they are written
 * @param extensions members after those of {@code problem}, in the order they are written
 */
public record ProblemAnswer(Problem problem, Map<String, String> headers, Map<String, Object> extensions) {

    // Says which authentication would do (RFC 9110 11.6.1): a 401 without it is incomplete.
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    // The seconds a rate-limited client waits (RFC 9110 10.2.3), and the same in the body for
    // clients that read no headers.
    private static final String RETRY_AFTER = "Retry-After";
    private static final String RETRY_AFTER_MEMBER = "retryAfter";

    public ProblemAnswer {
        // Copies that keep the given order: the body and the headers leave in it.
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A problem with a stable code; the request id may be null when there is no request. */
    public static ProblemAnswer of(ProblemCode code, String detail, String requestId) {
        return of(code, detail, requestId, Map.of());
    }

    /** A problem with a stable code and extension members, written in the map's order. */
    public static ProblemAnswer of(ProblemCode code, String detail, String requestId, Map<String, ?> extensions) {
        return answer(Problem.of(code, detail, requestId), Map.of(), extensions);
    }

    /** The answer to a problem raised during the request's work, a rate limit with its wait. */
    public static ProblemAnswer of(ProblemException problem, String requestId) {
        if (problem instanceof RateLimitedException limited) {
            String seconds = Long.toString(limited.retryAfterSeconds());
            return answer(Problem.of(limited.code(), limited.detail(), requestId), Map.of(RETRY_AFTER, seconds),
                    Map.of(RETRY_AFTER_MEMBER, limited.retryAfterSeconds()));
        }
        return of(problem.code(), problem.detail(), requestId);
    }

    /**
     * The answer to any failure: the problem it stands for ({@link Failures#translate}, which logs a
     * fault of ours with the request's method and path), else a 500.
     */
    public static ProblemAnswer forFailure(Throwable failure, String method, String path, String requestId) {
        ProblemException problem = Failures.translate(failure, method, path);
        return problem == null ? internalError(requestId) : of(problem, requestId);
    }

    /** The answer to a fault of ours: no detail but the request id that finds it in the logs. */
    public static ProblemAnswer internalError(String requestId) {
        return answer(new Problem("urn:cityplatform:exchange:problem:internal-error", "Internal error", 500,
                "the gateway failed unexpectedly; the request id identifies it in the logs", "INTERNAL_ERROR",
                requestId), Map.of(), Map.of());
    }

    private static ProblemAnswer answer(Problem problem, Map<String, String> headers, Map<String, ?> extensions) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (problem.status() == 401) {
            all.put(WWW_AUTHENTICATE, "Bearer");
        }
        return new ProblemAnswer(problem, all, new LinkedHashMap<String, Object>(extensions));
    }

    public int status() {
        return problem.status();
    }

    public String mediaType() {
        return Problem.MEDIA_TYPE;
    }

    /** The body: the problem's members (absent ones left out), then the extension members. */
    public JsonObject body() {
        JsonObject body = JsonObject.mapFrom(problem);
        extensions.forEach(body::put);
        return body;
    }

    /** The body as sent. */
    public String encodedBody() {
        return body().encode();
    }
}
