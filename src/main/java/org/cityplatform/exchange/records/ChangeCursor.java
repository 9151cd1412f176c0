package org.cityplatform.exchange.records;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * A position in a dataset's change feed: the writing transaction and the key of the last change
 * handed out. Opaque to clients (base64url) so its layout can change without breaking them.
 */
public record ChangeCursor(long txid, String key) {

    public static final ChangeCursor START = new ChangeCursor(0, "");
    private static final String PREFIX = "c1:";

    /** A cursor before every change of transactions from {@code txid} on. */
    public static ChangeCursor before(long txid) {
        return new ChangeCursor(txid, "");
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + txid + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static ChangeCursor decode(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            if (raw.startsWith(PREFIX)) {
                int colon = raw.indexOf(':', PREFIX.length());
                if (colon > 0) {
                    long txid = Long.parseLong(raw.substring(PREFIX.length(), colon));
                    if (txid >= 0) {
                        return new ChangeCursor(txid, raw.substring(colon + 1));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw new ProblemException(ProblemCode.INVALID_REQUEST,
                parameter + ": not a cursor issued by this gateway (use 'next', 'cursor' or X-Export-Cursor as given)");
    }
}
