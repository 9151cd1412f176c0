package org.cityplatform.exchange.support;

import io.restassured.RestAssured;

/**
 * Waits until the gateway's audit journal is in PostgreSQL: a test that reads audit_events with
 * SQL reads what the center would. The center's trail search waits for this instance's journal to
 * be shipped (docs/architecture.md, "The audit trail"), so asking it once is the wait.
 */
public final class AuditShipped {

    private AuditShipped() {
    }

    /** Returns once every event the gateway acknowledged so far is in PostgreSQL. */
    public static void await() {
        RestAssured.given().auth().oauth2(Tokens.center()).queryParam("limit", "1").get("/api/v1/audit")
                .then().statusCode(200);
    }
}
