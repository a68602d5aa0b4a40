package io.leadsuite.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

class ProblemDetailsExceptionHandlerTest {

    @Test
    void anUnreachableUpstreamIs503() {
        var resolved = ProblemDetailsExceptionHandler.resolve(
                new IllegalStateException("routing failed", new ConnectException("Connection refused")));

        assertThat(resolved.status().value()).isEqualTo(503);
        assertThat(resolved.problem().getTitle()).isEqualTo("Service Unavailable");
    }

    @Test
    void aSilentUpstreamIs504() {
        var resolved = ProblemDetailsExceptionHandler.resolve(new RuntimeException(new TimeoutException("slow")));

        assertThat(resolved.status().value()).isEqualTo(504);
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
        var resolved = ProblemDetailsExceptionHandler.resolve(new Throttled());

        assertThat(resolved.status().value()).isEqualTo(429);
    }

    @Test
    void hidesTheInternalsOfAnUnexpectedFailure() {
        var resolved = ProblemDetailsExceptionHandler.resolve(new NullPointerException("secret internals"));

        ProblemDetail problem = resolved.problem();
        assertThat(resolved.status().value()).isEqualTo(500);
        assertThat(problem.getDetail()).doesNotContain("secret").contains("requestId");
    }

    @ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
    static final class Throttled extends RuntimeException {}
}
