package org.cityplatform.exchange.records;

import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/** The two body formats of a push (API.md, "Records": push). */
enum PushFormat {
    NDJSON, JSON_ARRAY;

    static PushFormat of(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase();
        return switch (type) {
            case "application/x-ndjson", "application/ndjson" -> NDJSON;
            case "application/json" -> JSON_ARRAY;
            default -> throw new ProblemException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "a push is application/x-ndjson (one item a line) or application/json (an array of items); got "
                            + (type.isEmpty() ? "no Content-Type" : "'" + type + "'"));
        };
    }
}
