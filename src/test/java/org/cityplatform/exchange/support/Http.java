package org.cityplatform.exchange.support;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Request shorthands that keep tests reading like the API's documentation. */
public final class Http {

    // NDJSON bodies are text: send test strings as UTF-8, as agency systems do.
    private static final RestAssuredConfig TEXT_BODIES = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/x-ndjson", ContentType.TEXT)
                .defaultCharsetForContentType("UTF-8", "application/x-ndjson")
                .defaultCharsetForContentType("UTF-8", ContentType.TEXT));

    private Http() {
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().config(TEXT_BODIES).auth().oauth2(token);
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().config(TEXT_BODIES);
    }

    public static RequestSpecification asAgency(String agencyCode) {
        return as(Tokens.agency(agencyCode));
    }
}
