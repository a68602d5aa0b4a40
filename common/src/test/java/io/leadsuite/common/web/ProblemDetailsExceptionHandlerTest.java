package io.leadsuite.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemDetailsExceptionHandlerTest {

    private static final String REQUEST_ID = "req-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anUnreachableUpstreamIs503() {
        var resolved = ProblemDetailsExceptionHandler.resolve(
                new IllegalStateException("routing failed", new ConnectException("Connection refused")));

        assertThat(resolved.status().value()).isEqualTo(503);
        assertThat(resolved.problem().getTitle()).isEqualTo("Service Unavailable");
    }

    @Test
    void aSilentUpstreamIs504() {
        Answer answer = handle("/api/leads", new RuntimeException(new TimeoutException("slow")));

        assertThat(answer.status().value()).isEqualTo(504);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body().path("status").asInt()).isEqualTo(504);
        assertThat(answer.body().path("title").asString()).isEqualTo("Gateway Timeout");
        assertThat(answer.body().path("detail").asString())
                .isEqualTo("A service needed for this request did not answer in time.");
        assertThat(answer.body().path("instance").asString()).isEqualTo("/api/leads");
        assertThat(answer.body().path(RequestIds.KEY).asString()).isEqualTo(REQUEST_ID);
    }

    @Test
    void aStoreRefusingWritesForLackOfRoomIs507WithItsReason() {
        var refusal = new MongoCommandException(
                BsonDocument.parse(
                        "{ok: 0, code: 146, codeName: 'ExceededMemoryLimit', errmsg: 'The in-memory store is full'}"),
                new ServerAddress());

        Answer answer = handle("/internal/leads/batches", new UncategorizedMongoDbException("insert", refusal));

        assertThat(answer.status().value()).isEqualTo(507);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body().path("detail").asString())
                .isEqualTo("The data store has no room for this write: The in-memory store is full");
    }

    @Test
    void anyOtherStoreErrorStaysAnUnexpected500() {
        var other = new MongoCommandException(
                BsonDocument.parse("{ok: 0, code: 2, codeName: 'BadValue', errmsg: 'internal detail'}"),
                new ServerAddress());

        var resolved = ProblemDetailsExceptionHandler.resolve(other);

        assertThat(resolved.status().value()).isEqualTo(500);
        assertThat(resolved.problem().getDetail()).doesNotContain("internal detail");
    }

    @Test
    void keepsTheStatusAndDetailOfAnErrorResponse() {
        var resolved = ProblemDetailsExceptionHandler.resolve(
                new ResponseStatusException(HttpStatus.CONFLICT, "Lead already exists"));

        assertThat(resolved.status().value()).isEqualTo(409);
        assertThat(resolved.problem().getDetail()).isEqualTo("Lead already exists");
        assertThat(resolved.problem().getTitle()).isEqualTo("Conflict");
    }

    @Test
    void honoursResponseStatusAnnotations() {
        Answer answer = handle("/api/lists", new Throttled());

        assertThat(answer.status().value()).isEqualTo(429);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body().path("status").asInt()).isEqualTo(429);
        assertThat(answer.body().path("title").asString()).isEqualTo("Too Many Requests");
        assertThat(answer.body().path("detail").asString()).isEqualTo("Too Many Requests");
        assertThat(answer.body().path("instance").asString()).isEqualTo("/api/lists");
        assertThat(answer.body().path(RequestIds.KEY).asString()).isEqualTo(REQUEST_ID);
    }

    @Test
    void anInvalidBodyIs400ListingEveryRejectedField() throws NoSuchMethodException {
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(new Object(), "lead");
        errors.addError(new FieldError("lead", "email", "must be a well-formed email address"));
        errors.addError(new FieldError("lead", "firstName", "must not be blank"));
        MethodParameter body = new MethodParameter(Validated.class.getDeclaredMethod("create", Object.class), 0);

        Answer answer = handle("/api/leads", new WebExchangeBindException(body, errors));

        assertThat(answer.status().value()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body().path("title").asString()).isEqualTo("Invalid request");
        assertThat(answer.body().path("detail").asString()).isEqualTo("2 fields are invalid");
        assertThat(answer.body().path("instance").asString()).isEqualTo("/api/leads");
        assertThat(answer.body()
                        .path(Problems.ERRORS)
                        .valueStream()
                        .map(error -> error.path("field").asString() + ": "
                                + error.path("message").asString()))
                .containsExactly("email: must be a well-formed email address", "firstName: must not be blank");
    }

    @Test
    void hidesTheInternalsOfAnUnexpectedFailure() {
        var resolved = ProblemDetailsExceptionHandler.resolve(new NullPointerException("secret internals"));

        ProblemDetail problem = resolved.problem();
        assertThat(resolved.status().value()).isEqualTo(500);
        assertThat(problem.getDetail()).doesNotContain("secret").contains("requestId");
    }

    /** What the handler wrote for a GET of {@code path} that failed with {@code failure}. */
    private static Answer handle(String path, Throwable failure) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        exchange.getAttributes().put(RequestIds.KEY, REQUEST_ID);
        ProblemDetailsExceptionHandler handler =
                new ProblemDetailsExceptionHandler(new ProblemResponseWriter(ServerCodecConfigurer.create()));

        StepVerifier.create(handler.handle(exchange, failure)).verifyComplete();

        MockServerHttpResponse response = exchange.getResponse();
        return new Answer(
                response.getStatusCode(),
                response.getHeaders().getContentType(),
                JSON.readTree(response.getBodyAsString().block()));
    }

    private record Answer(HttpStatusCode status, MediaType contentType, JsonNode body) {}

    @ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
    static final class Throttled extends RuntimeException {}

    interface Validated {
        void create(Object lead);
    }
}
