package org.cityplatform.exchange.audit;

/**
 * Makes an event's text storable before it is linked into a chain, so the hash covers exactly
 * what is stored. Requests' text is checked where it enters (RequestTextGate, JsonTextModule),
 * so this only matters when a path into the trail was missed: then one bad event would fail the
 * statement that carries other requests' events. Control characters and lone surrogates become
 * U+FFFD; a field longer than any identifier, key or reference is cut, because a value beyond
 * PostgreSQL's index row limit (the subject and case indexes) fails its statement too.
 */
final class AuditText {

    static final int MAX_CHARS = 512;
    private static final char REPLACEMENT = '\ufffd';

    private AuditText() {
    }

    static AuditEvent storable(AuditEvent e) {
        if (isStorable(e.agency()) && isStorable(e.sub()) && isStorable(e.dataset()) && isStorable(e.subject())
                && isStorable(e.cursorFrom()) && isStorable(e.cursorTo()) && isStorable(e.code())
                && isStorable(e.requestId()) && isStorable(e.caseId())
                && (e.target() == null || isStorable(e.target().type()) && isStorable(e.target().id()))) {
            return e;
        }
        return new AuditEvent(e.at(), clean(e.agency()), clean(e.sub()), e.action(), clean(e.dataset()),
                clean(e.subject()), e.count(), clean(e.cursorFrom()), clean(e.cursorTo()), e.outcome(), clean(e.code()),
                clean(e.requestId()), clean(e.caseId()),
                e.target() == null ? null : new AuditTarget(clean(e.target().type()), clean(e.target().id())),
                e.bulk());
    }

    static boolean isStorable(String text) {
        return text == null || (text.length() <= MAX_CHARS && firstBad(text) < 0);
    }

    static String clean(String text) {
        if (isStorable(text)) {
            return text;
        }
        String cut = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + '…';
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1))) {
                out.append(c).append(cut.charAt(++i));
            } else {
                out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    private static int firstBad(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
