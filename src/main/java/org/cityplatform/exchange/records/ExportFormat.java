package org.cityplatform.exchange.records;

import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/** The two export formats (docs/api.md, "Records": export), chosen by the Accept header. */
public enum ExportFormat {
    NDJSON("application/x-ndjson"),
    CSV("text/csv; charset=utf-8");

    final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    /**
     * The format an Accept header asks for (RFC 9110 12.5.1): the one with the highest quality, a
     * type with q=0 never; the more specific range of a type decides its quality ("text/csv;q=0,
     * *&#47;*" refuses CSV). Equal qualities go to the range listed first, NDJSON when one range
     * takes both. No Accept, or an empty one, is NDJSON; one that names nothing usable is 406.
     */
    public static ExportFormat fromAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return NDJSON;
        }
        Preference ndjson = new Preference();
        Preference csv = new Preference();
        String[] ranges = accept.split(",");
        for (int index = 0; index < ranges.length; index++) {
            String[] parts = ranges[index].split(";");
            String type = parts.length == 0 ? "" : parts[0].strip().toLowerCase();
            double q = quality(parts);
            switch (type) {
                case "application/x-ndjson", "application/ndjson" -> ndjson.offer(3, q, index);
                case "text/csv" -> csv.offer(3, q, index);
                case "application/*" -> ndjson.offer(2, q, index);
                case "text/*" -> csv.offer(2, q, index);
                case "*/*" -> {
                    ndjson.offer(1, q, index);
                    csv.offer(1, q, index);
                }
                default -> {
                    // not a type an export is made in
                }
            }
        }
        if (ndjson.quality <= 0 && csv.quality <= 0) {
            throw new ProblemException(ProblemCode.NOT_ACCEPTABLE,
                    "exports are application/x-ndjson or text/csv; Accept was: " + accept);
        }
        if (csv.quality > ndjson.quality || (csv.quality == ndjson.quality && csv.index < ndjson.index)) {
            return CSV;
        }
        return NDJSON;
    }

    /** A range's q parameter; 1 when absent, 0 (not acceptable) when it is no number from 0 to 1. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** The quality a format is given by the most specific range that names it, and where that range is. */
    private static final class Preference {
        private int specificity;
        private double quality;
        private int index = Integer.MAX_VALUE;

        void offer(int rangeSpecificity, double q, int rangeIndex) {
            if (rangeSpecificity > specificity) {
                specificity = rangeSpecificity;
                quality = q;
                index = rangeIndex;
            }
        }
    }
}
