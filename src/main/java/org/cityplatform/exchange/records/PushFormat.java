package org.cityplatform.exchange.records;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/** The two body formats of a push (docs/api.md, "Records": push), always UTF-8. */
enum PushFormat {
    NDJSON, JSON_ARRAY;

    static PushFormat of(String contentType) {
        String[] parts = contentType == null ? new String[0] : contentType.split(";");
        String type = parts.length == 0 ? "" : parts[0].strip().toLowerCase(Locale.ROOT);
        PushFormat format = switch (type) {
            case "application/x-ndjson", "application/ndjson" -> NDJSON;
            case "application/json" -> JSON_ARRAY;
            default -> throw new ProblemException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "a push is application/x-ndjson (one item a line) or application/json (an array of items); got "
                            + (type.isEmpty() ? "no type" : "'" + clip(type) + "'"));
        };
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2
                    && !asciiCompatible(parameter[1].strip().replace("\"", ""))) {
                throw new ProblemException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                        "a push body is UTF-8; charset '" + clip(parameter[1].strip()) + "' is not read here");
            }
        }
        return format;
    }

    /*
     * The body is always read as UTF-8. A label whose charset writes JSON's ASCII as ASCII (some
     * clients add ISO-8859-1 by default) does no harm: bytes that are not UTF-8 fail their item.
     * One that writes it otherwise (UTF-16, UTF-32, EBCDIC) would be misread whole: refused.
     */
    private static boolean asciiCompatible(String name) {
        try {
            return Arrays.equals(ASCII_PROBE.getBytes(Charset.forName(name)),
                    ASCII_PROBE.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException unknownOrIllegal) {
            return false;
        }
    }

    private static final String ASCII_PROBE = "{\"key\":[0-9a-zA-Z]}\n";

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
