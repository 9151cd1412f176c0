package org.cityplatform.exchange.ops;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.problem.ForbiddenText;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.RouteProblems;

/**
 * The one check of the text in a request's path, query and headers, before routing, authentication
 * and anything that stores or logs it: every REST resource and data route sees only text that
 * PostgreSQL can store and logs can print. A path or query must be percent-encoded UTF-8 without
 * control characters; a header value without control characters other than tab (RFC 9110 5.5),
 * and the case reference, which is stored decoded, without them once decoded. A refusal is a 400
 * of its own request, never an audit event: who sent it is not known yet, and an event made of
 * such text is what failed other clients' requests before this check (see AuditLane).
 *
 * <p>JSON bodies are checked by {@link org.cityplatform.exchange.problem.JsonTextModule}; pushed
 * items by the push's own item parser.
 */
@Singleton
public class RequestTextGate {

    void install(@Observes Router router) {
        // Right after the request id is chosen (Integer.MIN_VALUE), so refusals carry it.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Refusal refusal = path(request.path());
        if (refusal == null && request.query() != null) {
            refusal = query(request.query());
        }
        if (refusal == null) {
            refusal = headers(request);
        }
        if (refusal == null) {
            ctx.next();
            return;
        }
        // A body the client is still sending is not wanted: let it drain so the client reads the answer.
        request.resume();
        RouteProblems.send(ctx, refusal.code(), refusal.detail(), Map.of());
    }

    private record Refusal(ProblemCode code, String detail) {
    }

    static Refusal path(String raw) {
        if (raw == null) {
            return null;
        }
        String[] segments = raw.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String problem = problemOf(segments[i], false);
            if (problem != null) {
                boolean key = isSubjectKey(segments, i);
                return new Refusal(key ? ProblemCode.INVALID_KEY : ProblemCode.INVALID_REQUEST,
                        (key ? "the subject key in the path" : "path segment " + i) + ": " + problem);
            }
        }
        return null;
    }

    // GET /api/v1/subjects/{key} and /api/v1/datasets/{code}/records/{key}: the text is a subject key (Art. 16).
    private static boolean isSubjectKey(String[] segments, int i) {
        boolean api = segments.length > 3 && segments[1].equals("api") && segments[2].equals("v1");
        return api && ((i == 4 && segments.length == 5 && segments[3].equals("subjects"))
                || (i == 6 && segments.length == 7 && segments[3].equals("datasets") && segments[5].equals("records")));
    }

    static Refusal query(String raw) {
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String problem = problemOf(name, true);
            if (problem != null) {
                return new Refusal(ProblemCode.INVALID_REQUEST, "a query parameter name: " + problem);
            }
            if (eq >= 0) {
                problem = problemOf(pair.substring(eq + 1), true);
                if (problem != null) {
                    String shown = name.length() <= 64 && ForbiddenText.inComponent(name) < 0 ? name : "a query parameter";
                    return new Refusal(ProblemCode.INVALID_REQUEST, "query parameter " + shown + ": " + problem);
                }
            }
        }
        return null;
    }

    private static String problemOf(String component, boolean query) {
        String text;
        try {
            text = PercentDecoding.decode(component, query);
        } catch (PercentDecoding.Undecodable e) {
            return e.getMessage();
        }
        int at = ForbiddenText.inComponent(text);
        return at < 0 ? null : "holds " + ForbiddenText.describe(text, at) + ", which no path, query or reference may contain";
    }

    private static Refusal headers(HttpServerRequest request) {
        for (Map.Entry<String, String> header : request.headers()) {
            String value = header.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return new Refusal(ProblemCode.INVALID_REQUEST, "header " + header.getKey() + " holds "
                            + ForbiddenText.describe(value, i) + ", which no header value may contain");
                }
            }
        }
        String caseId = request.getHeader(Requester.CASE_HEADER);
        if (caseId != null && !caseId.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            // Raw bytes past ASCII would be read as Latin-1 and stored garbled.
            return new Refusal(ProblemCode.INVALID_REQUEST, Requester.CASE_HEADER
                    + " holds characters outside printable ASCII; send it as percent-encoded UTF-8");
        }
        if (caseId != null && caseId.indexOf('%') >= 0) {
            String problem = problemOf(caseId, false);
            if (problem != null) {
                return new Refusal(ProblemCode.INVALID_REQUEST, Requester.CASE_HEADER + " (percent-decoded) " + problem);
            }
        }
        return null;
    }
}
