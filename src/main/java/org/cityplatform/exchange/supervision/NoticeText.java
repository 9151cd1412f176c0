package org.cityplatform.exchange.supervision;

/**
 * The part of a finding a notification quotes: a notification holds at most 4000 characters, and
 * a finding and its requirement may each be that long; the whole stays on the order itself.
 */
final class NoticeText {

    static final int QUOTED = 800;

    private NoticeText() {
    }

    static String quote(String text) {
        if (text.length() <= QUOTED) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(QUOTED - 1)) ? QUOTED - 1 : QUOTED;
        return text.substring(0, end) + "…";
    }
}
