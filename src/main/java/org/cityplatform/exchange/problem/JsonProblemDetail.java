package org.cityplatform.exchange.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Says in a client's words which part of a JSON body could not be read, never echoing internals. */
final class JsonProblemDetail {

    // Jackson's words for a member given twice (JsonParser.Feature.STRICT_DUPLICATE_DETECTION).
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']{1,100})'");

    private JsonProblemDetail() {
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            String where = "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            // The member's name is the client's own text, already checked for forbidden characters.
            return duplicate.find() ? where + ": member '" + duplicate.group(1) + "' appears more than once" : where;
        }
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonParseException parse) {
            // A member given twice inside a map (weights, advice) surfaces wrapped by the map's reader.
            return describe(parse);
        }
        if (!(e instanceof JsonMappingException m)) {
            return "the body is not valid JSON";
        }
        String field = path(m);
        if (e instanceof JsonTextModule.ForbiddenTextException forbidden) {
            return (field.isEmpty() ? "a string" : "field '" + field + "'") + " " + forbidden.reason();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + join(field, u.getPropertyName()) + "'";
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                String allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
                return "field '" + field + "': '" + f.getValue() + "' is not one of " + allowed;
            }
            return "field '" + field + "': '" + f.getValue() + "' is not a valid " + simpleType(target);
        }
        if (e instanceof MismatchedInputException mi) {
            if (field.isEmpty()) {
                return "the body must be a JSON " + (mi.getTargetType() != null && mi.getTargetType().isRecord() ? "object" : "value of the expected shape");
            }
            return "field '" + field + "' must be a " + simpleType(mi.getTargetType());
        }
        return field.isEmpty() ? "the body does not have the expected shape" : "field '" + field + "' has the wrong shape";
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String join(String path, String name) {
        if (path.isEmpty()) {
            return name;
        }
        return path.endsWith(name) ? path : path + "." + name;
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value of the expected type";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == java.time.LocalDate.class) {
            return "date (YYYY-MM-DD)";
        }
        if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
            return "timestamp (ISO-8601 with offset)";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "JSON object";
    }
}
