package io.leadsuite.common.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Factories for the RFC 9457 problems this suite answers with. Throw the returned exceptions from a
 * handler; {@link ProblemDetailsExceptionHandler} renders them as {@code application/problem+json}.
 */
public final class Problems {

    /** Property that carries the list of {@link FieldViolation}s. */
    public static final String ERRORS = "errors";

    private Problems() {}

    public static ErrorResponseException of(HttpStatusCode status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** A problem whose title is the status's reason phrase, as RFC 9457 asks for {@code about:blank}. */
    public static ProblemDetail titled(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    public static ErrorResponseException notFound(String what) {
        return of(HttpStatus.NOT_FOUND, what + " was not found");
    }

    public static ErrorResponseException invalid(List<FieldViolation> violations) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, invalidBody(violations), null);
    }

    public static ErrorResponseException invalid(String field, String message) {
        return invalid(List.of(new FieldViolation(field, message)));
    }

    static ProblemDetail invalidBody(List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                violations.size() == 1
                        ? "Invalid value for '" + violations.get(0).field() + "': "
                                + violations.get(0).message()
                        : violations.size() + " fields are invalid");
        problem.setTitle("Invalid request");
        problem.setProperty(ERRORS, violations);
        return problem;
    }
}
