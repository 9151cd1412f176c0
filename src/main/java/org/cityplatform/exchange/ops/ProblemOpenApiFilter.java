package org.cityplatform.exchange.ops;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.cityplatform.exchange.problem.ProblemCode;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Describes the problem document once and attaches it to every operation as its 4XX and 5XX
 * answers, listing the stable codes, so the served contract matches docs/api.md without repeating it on
 * each resource method.
 */
public class ProblemOpenApiFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        openAPI.getComponents().addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT (RS256)"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(op -> {
            APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
            responses.addAPIResponse("4XX", problemResponse("A problem with one of the 4xx codes: " + codes(4)));
            responses.addAPIResponse("5XX", problemResponse("A problem with one of the 5xx codes: " + codes(5)));
            op.setResponses(responses);
            if (!path.startsWith("/open/")) {
                op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
            }
        }));
    }

    private static String codes(int hundreds) {
        return Arrays.stream(ProblemCode.values())
                .filter(c -> c.status() / 100 == hundreds)
                .map(c -> c.status() + " " + c.name())
                .collect(Collectors.joining(", "));
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details with the gateway's stable machine code")
                .properties(Map.of(
                        "type", string, "title", string, "detail", string, "requestId", string,
                        "status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .enumeration(Arrays.stream(ProblemCode.values()).map(c -> (Object) c.name()).toList())));
    }
}
