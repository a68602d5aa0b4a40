package io.leadsuite.common.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error answers of every operation, in one place: each service answers errors as RFC 9457 {@code
 * application/problem+json} ({@code io.leadsuite.common.web.ProblemDetailsExceptionHandler}), so every
 * 4xx and 5xx response of the document gets that content with the shared {@value #PROBLEM} schema, and
 * every operation gets the answers any call can get (401, 403, 429, 500, 503). Controllers declare only
 * the answers specific to an operation (400, 404, 409, 412, 422...), with a code and a description.
 */
final class ProblemResponses implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String FIELD_VIOLATION = "FieldViolation";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final String RETRY_AFTER = "Retry-After";

    /** The answers any operation can give, whatever it does. */
    private static final Map<String, String> COMMON = commonAnswers();

    private static Map<String, String> commonAnswers() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(
                "401", "No valid session token: missing, expired or not issued by Clerk (`WWW-Authenticate` says why)");
        answers.put(
                "403",
                "The session may not do this (for example, it has no active organization, or is not an"
                        + " organization admin)");
        answers.put(
                "429",
                "Too many requests: the gateway's per-user rate limit was reached; retry after `Retry-After`"
                        + " seconds");
        answers.put("500", "An unexpected error; quote the `requestId` when reporting it");
        answers.put("503", "A service needed for this request is not reachable; try again shortly");
        return answers;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(FIELD_VIOLATION, fieldViolation()).addSchemas(PROBLEM, problem());
        if (openApi.getPaths() == null) {
            return;
        }
        for (PathItem path : openApi.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                if (operation.getResponses() == null) {
                    operation.setResponses(new ApiResponses());
                }
                ApiResponses responses = operation.getResponses();
                COMMON.forEach((code, description) -> {
                    if (!responses.containsKey(code)) {
                        responses.addApiResponse(code, new ApiResponse().description(description));
                    }
                });
                responses.forEach(ProblemResponses::asProblem);
                if (responses.get("429").getHeaders() == null) {
                    responses.get("429").addHeaderObject(RETRY_AFTER, retryAfter());
                }
            }
        }
    }

    /** An error answer is problem+json, whatever schema springdoc inferred from the handler's return type. */
    private static void asProblem(String code, ApiResponse response) {
        if (!code.matches("[45]\\d\\d")) {
            return;
        }
        MediaType problem =
                response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
        if (problem == null) {
            problem = new MediaType();
        }
        if (problem.getSchema() == null) {
            problem.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        }
        response.setContent(new Content().addMediaType(PROBLEM_JSON, problem));
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before trying again").schema(new IntegerSchema().example(30));
    }

    private static Schema<?> fieldViolation() {
        return new ObjectSchema()
                .description("One rejected input of a 400 answer")
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("The JSON path of the input, or the query parameter or header name")
                                .example("email"))
                .addProperty(
                        "message",
                        new StringSchema()
                                .description("Why it was rejected, for a person to read")
                                .example("must be a valid email address"))
                .required(List.of("field", "message"));
    }

    private static Schema<?> problem() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", "Invalid request");
        example.put("status", 400);
        example.put("detail", "Invalid value for 'email': must be a valid email address");
        example.put("instance", "/api/leads");
        example.put("requestId", "3f1c9a7e2b8d4c05");
        example.put("errors", List.of(Map.of("field", "email", "message", "must be a valid email address")));
        Schema<?> problem = new ObjectSchema()
                .description("An error, as RFC 9457 problem details. Some answers add properties of their own"
                        + " (for example `field` and `existingLeadId` on a 409 duplicate, `currentVersion` on a"
                        + " 412).")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri-reference")
                                .description("A URI naming the kind of problem; `about:blank` when the status says it")
                                .example("about:blank"))
                .addProperty(
                        "title",
                        new StringSchema()
                                .description("A short summary of the problem")
                                .example("Invalid request"))
                .addProperty(
                        "status",
                        new IntegerSchema().description("The HTTP status code").example(400))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .description("What went wrong in this occurrence, for a person to read")
                                .example("Invalid value for 'email': must be a valid email address"))
                .addProperty(
                        "instance",
                        new StringSchema()
                                .format("uri-reference")
                                .description("The path of the request")
                                .example("/api/leads"))
                .addProperty(
                        "requestId",
                        new StringSchema()
                                .description("The request's id (also in `X-Request-Id`), to quote in a report"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_VIOLATION))
                                .description("On a 400: each rejected input and why"))
                .required(List.of("type", "title", "status"));
        problem.setAdditionalProperties(Boolean.TRUE);
        problem.setExample(example);
        return problem;
    }
}
