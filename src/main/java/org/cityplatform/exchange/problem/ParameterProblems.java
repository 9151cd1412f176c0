package org.cityplatform.exchange.problem;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Says which parameter of a resource method could not be converted, and what it got. JAX-RS
 * answers such a path or query parameter with 404 (3.2) and a header with 400, neither with a
 * word of why; the resource method and the request's values tell which one it was.
 */
final class ParameterProblems {

    private static final int SHOWN_CHARS = 64;

    private ParameterProblems() {
    }

    /** Names the parameter and its value; null when no parameter of the method fails to convert. */
    static String describe(ResourceInfo resource, UriInfo uri, io.vertx.core.http.HttpServerRequest request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null) {
            for (Parameter parameter : method.getParameters()) {
                String kind;
                String name;
                String value;
                if (parameter.isAnnotationPresent(QueryParam.class) && uri != null) {
                    kind = "query parameter";
                    name = parameter.getAnnotation(QueryParam.class).value();
                    value = uri.getQueryParameters().getFirst(name);
                } else if (parameter.isAnnotationPresent(PathParam.class) && uri != null) {
                    kind = "path parameter";
                    name = parameter.getAnnotation(PathParam.class).value();
                    value = uri.getPathParameters().getFirst(name);
                } else if (parameter.isAnnotationPresent(HeaderParam.class) && request != null) {
                    kind = "header";
                    name = parameter.getAnnotation(HeaderParam.class).value();
                    value = request.getHeader(name);
                } else {
                    continue;
                }
                String expected = value == null ? null : unconvertible(parameter.getType(), value);
                if (expected != null) {
                    return kind + " " + name + ": '" + shown(value) + "' is not " + expected;
                }
            }
        }
        return null;
    }

    /** What the value should have been, when it does not convert to the type; null when it does. */
    private static String unconvertible(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
                Integer.parseInt(value);
                return null;
            }
            if (type == long.class || type == Long.class) {
                Long.parseLong(value);
                return null;
            }
            if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                Double.parseDouble(value);
                return null;
            }
            if (type.isEnum()) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Object ignored = Enum.valueOf((Class) type, value);
                return null;
            }
            for (String factory : new String[] {"valueOf", "fromString", "parse"}) {
                Method convert = converter(type, factory);
                if (convert != null) {
                    convert.invoke(null, value);
                    return null;
                }
            }
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return expected(type);
        }
    }

    private static Method converter(Class<?> type, String name) {
        for (Class<?> argument : new Class<?>[] {String.class, CharSequence.class}) {
            try {
                Method method = type.getMethod(name, argument);
                if (Modifier.isStatic(method.getModifiers())) {
                    return method;
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String shown(String value) {
        return value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS) + "…";
    }
}
