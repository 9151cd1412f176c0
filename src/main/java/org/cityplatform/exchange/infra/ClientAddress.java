package org.cityplatform.exchange.infra;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a client is metered by: open data requests, and unauthenticated refusals on the data
 * routes (security/AnonymousRefusals). One setting, {@code exchange.open-data.trust-forwarded-for},
 * says whether a proxy in front sets X-Forwarded-For, for both.
 */
public final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request, boolean trustForwardedFor) {
        SocketAddress remote = request.remoteAddress();
        return of(remote == null ? null : remote.hostAddress(), request.getHeader(FORWARDED_FOR), trustForwardedFor);
    }

    /**
     * The last X-Forwarded-For entry is the one the trusted proxy wrote: the address it saw the
     * request come from. Every entry before it arrived with the request, and the client can write
     * anything there. Without that trust the whole header is the client's own claim and is ignored.
     */
    public static String of(String remote, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null) {
            String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
            // An address is short; anything else is not one, and must not grow the table's keys.
            if (!last.isEmpty() && last.length() <= 64 && last.chars().allMatch(ClientAddress::addressChar)) {
                return last;
            }
        }
        return remote == null ? "unknown" : remote;
    }

    private static boolean addressChar(int c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == ':' || c == '[' || c == ']' || c == '%';
    }
}
