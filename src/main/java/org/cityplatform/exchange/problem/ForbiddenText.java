package org.cityplatform.exchange.problem;

/**
 * Which characters no text from a client may hold. PostgreSQL's text and jsonb cannot store U+0000
 * and a lone surrogate has no UTF-8 form, so either would fail the statement that carries it (for
 * the audit trail: a batch of many clients' events); other control characters are refused too,
 * because they forge log lines and terminal output and no identifier, name or reference needs them.
 */
public final class ForbiddenText {

    private ForbiddenText() {
    }

    /**
     * The first forbidden character of a path or query component: any control character (C0, DEL,
     * C1) or lone surrogate; -1 when there is none.
     */
    public static int inComponent(CharSequence text) {
        return find(text, false);
    }

    /**
     * The first forbidden character of free text (a JSON string, a stored header): a C0 control
     * other than tab, line feed and carriage return, DEL, or a lone surrogate; -1 when there is none.
     */
    public static int inText(CharSequence text) {
        return find(text, true);
    }

    private static int find(CharSequence text, boolean freeText) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (!freeText || (c != '\t' && c != '\n' && c != '\r')) {
                    return i;
                }
            } else if (c >= 0x80 && c <= 0x9f) {
                if (!freeText) {
                    return i;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** How a client is told which character it sent: its code point, never the character itself. */
    public static String describe(CharSequence text, int at) {
        char c = text.charAt(at);
        String kind = Character.isSurrogate(c) ? "a lone surrogate" : "a control character";
        return kind + " (U+" + String.format("%04X", (int) c) + ") at position " + (at + 1);
    }
}
