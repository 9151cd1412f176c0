package org.cityplatform.exchange.identity;

/**
 * Text handling shared by all Art. 16 subject keys.
 *
 * <p>Every standard behind these keys (GB 11643, GB 32100, GB 11714, ISO 7064) is defined over ASCII only. The JDK's
 * locale-aware helpers are avoided on purpose: {@code Character.isDigit} accepts full-width and other Unicode digits,
 * and {@code toUpperCase} turns the dotless '\u0131' into 'I' and the long '\u017f' into 'S', either of which would
 * let a non-ASCII key pass as a different, valid one.
 */
final class KeyText {

    private KeyText() {
    }

    /** Keys are often pasted from forms, so surrounding whitespace (including the ideographic space) is dropped. */
    static String present(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidKeyException("key is missing");
        }
        return raw.strip();
    }

    /** Code points rather than chars, so a length reported back matches what a person counts on screen. */
    static int[] codePoints(String text) {
        return text.codePoints().toArray();
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static int upper(int c) {
        return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
    }

    static String upper(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().map(KeyText::upper).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Quotes a character for a message; invisible or non-ASCII ones also get their code point so they can be found. */
    static String describe(int c) {
        String quoted = "'" + new String(Character.toChars(c)) + "'";
        if (c >= 0x21 && c <= 0x7e) {
            return quoted;
        }
        String codePoint = String.format("U+%04X", c);
        return Character.isISOControl(c) ? codePoint : quoted + " (" + codePoint + ")";
    }

    /** Whether a canonicaliser takes the text: the boolean form of every key kind's check. */
    static boolean accepts(java.util.function.UnaryOperator<String> canonical, String raw) {
        try {
            canonical.apply(raw);
            return true;
        } catch (InvalidKeyException e) {
            return false;
        }
    }
}
