package org.cityplatform.exchange.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document, extended with the contract's stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemCode code, String detail, String requestId) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.name(), requestId);
    }
}
