package org.cityplatform.exchange.records;

import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/** The two export formats (API.md, "Records": export), chosen by the Accept header. */
enum ExportFormat {
    NDJSON("application/x-ndjson"),
    CSV("text/csv; charset=utf-8");

    final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    static ExportFormat fromAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return NDJSON;
        }
        // The first acceptable media range wins; quality values are rarely sent by batch clients.
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].strip().toLowerCase();
            switch (type) {
                case "application/x-ndjson", "application/ndjson", "application/*", "*/*" -> {
                    return NDJSON;
                }
                case "text/csv", "text/*" -> {
                    return CSV;
                }
                default -> {
                    // try the next range
                }
            }
        }
        throw new ProblemException(ProblemCode.NOT_ACCEPTABLE,
                "exports are application/x-ndjson or text/csv; Accept was: " + accept);
    }
}
