package org.cityplatform.exchange.problem;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads an enum from a query parameter. JAX-RS answers an unconvertible query parameter with 404,
 * which would tell a client its URL does not exist when it only misspelt a filter value.
 */
public final class EnumParameter {

    private EnumParameter() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    parameter + ": '" + value + "' is not one of " + allowed);
        }
    }
}
