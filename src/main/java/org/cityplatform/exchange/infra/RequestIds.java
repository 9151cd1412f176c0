package org.cityplatform.exchange.infra;

import io.vertx.core.http.HttpServerRequest;
import java.util.UUID;

/**
 * Every response carries {@code X-Request-Id}: the caller's own when it sent a usable one, so its
 * logs and our audit trail share one identifier, else a new one.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** The id already chosen for this request (set on its response as the request arrived). */
    public static String of(HttpServerRequest request) {
        String id = request.response().headers().get(HEADER);
        return id != null ? id : choose(request.getHeader(HEADER));
    }

    public static String choose(String offered) {
        return isUsable(offered) ? offered : UUID.randomUUID().toString();
    }

    // A caller's id goes into logs and the audit trail: only short, printable, unspaced ASCII.
    static boolean isUsable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
