package org.cityplatform.exchange.records;

import com.fasterxml.jackson.core.JsonToken;

/** How the provider's own input appears in an item's error message: quoted, cut short, or named by its JSON kind. */
final class ProviderText {

    private static final int SHOWN_TEXT_LIMIT = 100;

    private ProviderText() {
    }

    /** Quotes provider text for a message, cut short so one huge value cannot bloat an error report. */
    static String shown(String text) {
        return "'" + cut(text) + "'";
    }

    static String cut(String text) {
        if (text.length() <= SHOWN_TEXT_LIMIT) {
            return text;
        }
        int at = SHOWN_TEXT_LIMIT;
        if (Character.isHighSurrogate(text.charAt(at - 1))) {
            at--;
        }
        return text.substring(0, at) + "…";
    }

    static String kind(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "an unexpected token";
        };
    }
}
