package org.cityplatform.exchange.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The one check of every string in every JSON body the REST endpoints read, property values,
 * array elements and map keys alike: text with a character {@link ForbiddenText} refuses fails
 * while the body is read, as a 400 INVALID_REQUEST naming the field, before any resource runs.
 * Registered on the application's ObjectMapper, which Quarkus REST reads bodies with.
 */
public final class JsonTextModule extends SimpleModule {

    public JsonTextModule() {
        super("exchange-json-text");
        addDeserializer(String.class, new CheckedStrings());
        addKeyDeserializer(String.class, new CheckedKeys());
    }

    /** Raised for a string with a forbidden character; Jackson adds the path of the field. */
    public static final class ForbiddenTextException extends JsonMappingException {

        private final String reason;

        ForbiddenTextException(JsonParser parser, String reason) {
            super(parser, reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    static String checked(JsonParser parser, String text) throws ForbiddenTextException {
        int at = text == null ? -1 : ForbiddenText.inText(text);
        if (at >= 0) {
            throw new ForbiddenTextException(parser, "holds " + ForbiddenText.describe(text, at)
                    + ", which no text may contain");
        }
        return text;
    }

    private static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return checked(p, super.deserialize(p, ctxt));
        }
    }

    private static final class CheckedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(ctxt.getParser(), key);
        }
    }

    /** Puts the module on the ObjectMapper Quarkus builds. */
    @Singleton
    static final class Registration implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new JsonTextModule());
            // A member given twice is ambiguous, and records' creators fail on it with no answer
            // but a 500: refuse it as malformed, naming the member.
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            // 5.5 working days or order 1.5 is no count and no id: truncated, it would order 5 days
            // or criticise under order 1 without a word. A whole-number field takes whole numbers.
            mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        }
    }
}
