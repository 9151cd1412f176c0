package org.cityplatform.exchange.quota;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Reads a field that must be a JSON integer, and nothing else: Jackson's defaults turn {@code 1.5}
 * into 1 and {@code "10"} into 10 without a word, so a quota set by mistake would be taken
 * silently. Per field, not as a global Jackson setting, so no other body changes meaning.
 */
final class IntegerOnly extends StdDeserializer<Integer> {

    IntegerOnly() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            throw InvalidFormatException.from(p, "a whole number within range is expected", p.getText(), Integer.class);
        }
        return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
    }
}
