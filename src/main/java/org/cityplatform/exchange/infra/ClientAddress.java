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
     * The first X-Forwarded-For entry is the client as the trusted proxy saw it; later entries are
     * proxies. Without that trust the header is the client's own claim and is ignored.
     */
    public static String of(String remote, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null) {
            String first = forwardedFor.split(",", 2)[0].strip();
            // An address is short; anything else is not one, and must not grow the table's keys.
            if (!first.isEmpty() && first.length() <= 64 && first.chars().allMatch(ClientAddress::addressChar)) {
                return first;
            }
        }
        return remote == null ? "unknown" : remote;
    }

    private static boolean addressChar(int c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == ':' || c == '[' || c == ']' || c == '%';
    }
}
