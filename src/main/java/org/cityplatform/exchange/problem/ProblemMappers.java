package org.cityplatform.exchange.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.cityplatform.exchange.identity.InvalidKeyException;
import org.cityplatform.exchange.infra.RequestIds;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem with a stable code. Bad input is always a 4xx that
 * says what was wrong; nothing a client sends can produce a stack trace in a response.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemAnswer.of(e, ProblemResponses.requestIdOf(request)));
    }

    @ServerExceptionMapper
    public Response invalidKey(InvalidKeyException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemCode.INVALID_KEY, e.getMessage(), request);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemCode.UNAUTHENTICATED,
                "a valid bearer token (RS256 JWT from the platform's issuer) is required", request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemCode.FORBIDDEN_ROLE, "the caller's role may not do this", request);
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            ValueInstantiationException.class})
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemCode.INVALID_REQUEST, JsonProblemDetail.describe(e), request);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        String detail = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return ProblemResponses.of(ProblemCode.INVALID_REQUEST, detail, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request, ResourceInfo resource, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, request);
        }
        if ((e instanceof NotFoundException || e instanceof BadRequestException) && e.getCause() != null) {
            // A parameter that did not convert (JAX-RS 3.2 says 404 for a path or query one): the URL
            // exists, one of its values is wrong.
            String parameter = ParameterProblems.describe(resource, uri, request);
            if (parameter != null || e instanceof NotFoundException) {
                return ProblemResponses.of(ProblemCode.INVALID_REQUEST, parameter != null ? parameter
                        : "a path or query parameter has a value of the wrong type", request);
            }
        }
        ProblemCode code = switch (status) {
            case 401 -> ProblemCode.UNAUTHENTICATED;
            case 403 -> ProblemCode.FORBIDDEN_ROLE;
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? null : ProblemCode.INVALID_REQUEST;
        };
        if (code == null) {
            return unexpected(e, request);
        }
        String detail = switch (code) {
            case NOT_FOUND -> "no such resource: " + request.path();
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + request.path();
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported Content-Type: " + request.getHeader("Content-Type");
            case NOT_ACCEPTABLE -> "cannot produce any of: " + request.getHeader("Accept");
            default -> e.getCause() == null && e.getMessage() != null && !e.getMessage().startsWith("HTTP ")
                    ? e.getMessage() : "the request cannot be read: check its body, parameters and headers";
        };
        return ProblemResponses.of(code, detail, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemAnswer.forFailure(e, request.method().name(), request.path(),
                RequestIds.of(request)));
    }

    private static String describe(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "register.body.name" -> "name": the client knows its body, not our method names.
        String[] parts = path.split("\\.");
        String field = parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : path;
        return field + ": " + v.getMessage();
    }
}
