package io.leadsuite.common.web;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every error that reaches the web layer into RFC 9457 {@code application/problem+json}: bad
 * input is a 4xx naming the field and the reason, an unreachable or slow upstream a 503 or 504, a store
 * refusing writes for lack of room a 507 with the store's reason, and
 * anything unexpected a 500 without internals (the stack trace goes to the log, with the request id).
 * Runs before Spring Boot's default handler, which answers in its own JSON shape.
 */
final class ProblemDetailsExceptionHandler implements ErrorWebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsExceptionHandler.class);

    /** Whether this service talks to a store at all (the gateway does not, and has no driver). */
    private static final boolean STORE_ERRORS = ClassUtils.isPresent(
            "com.mongodb.MongoServerException", ProblemDetailsExceptionHandler.class.getClassLoader());

    private static final String UNAVAILABLE = "A service needed for this request is not reachable. Try again shortly.";

    private final ProblemResponseWriter writer;

    ProblemDetailsExceptionHandler(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        Resolved resolved = resolve(ex);
        // Error handlers run outside the filter that put the request id in the Reactor context.
        try (var ignored = MDC.putCloseable(RequestIds.KEY, exchange.getAttribute(RequestIds.KEY))) {
            log(exchange, resolved, ex);
        }
        exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        return writer.write(exchange, resolved.status(), resolved.problem(), resolved.headers());
    }

    private static void log(ServerWebExchange exchange, Resolved resolved, Throwable ex) {
        if (resolved.status().value() == 500) {
            log.error(
                    "{} {} failed",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    ex);
        } else if (resolved.status().is5xxServerError()) {
            log.warn(
                    "{} {} answered {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    resolved.status(),
                    rootCause(ex));
        } else {
            log.debug(
                    "{} {} answered {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    resolved.status(),
                    ex.toString());
        }
    }

    @Override
    public int getOrder() {
        return -2;
    }

    record Resolved(HttpStatusCode status, ProblemDetail problem, HttpHeaders headers) {
        Resolved(HttpStatusCode status, ProblemDetail problem) {
            this(status, problem, new HttpHeaders());
        }
    }

    static Resolved resolve(Throwable ex) {
        if (ex instanceof WebExchangeBindException bind) {
            return new Resolved(HttpStatus.BAD_REQUEST, Problems.invalidBody(violations(bind)));
        }
        if (ex instanceof HandlerMethodValidationException validation) {
            return new Resolved(HttpStatus.BAD_REQUEST, Problems.invalidBody(violations(validation)));
        }
        if (ex instanceof ServerWebInputException input) {
            return new Resolved(HttpStatus.BAD_REQUEST, unreadable(input));
        }
        if (ex instanceof ErrorResponse response) {
            ProblemDetail body = response.getBody();
            if (body.getTitle() == null) {
                HttpStatus known = HttpStatus.resolve(response.getStatusCode().value());
                body.setTitle(known == null ? null : known.getReasonPhrase());
            }
            return new Resolved(response.getStatusCode(), body, response.getHeaders());
        }
        ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
        if (annotated != null) {
            HttpStatus status = annotated.code();
            String detail = !annotated.reason().isEmpty()
                    ? annotated.reason()
                    : status == HttpStatus.SERVICE_UNAVAILABLE ? UNAVAILABLE : status.getReasonPhrase();
            return new Resolved(status, Problems.titled(status, detail));
        }
        if (causedBy(ex, ConnectException.class) || causedBy(ex, UnknownHostException.class)) {
            return new Resolved(
                    HttpStatus.SERVICE_UNAVAILABLE, Problems.titled(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE));
        }
        String storeFull = STORE_ERRORS ? StoreRefusals.noRoom(ex) : null;
        if (storeFull != null) {
            return new Resolved(
                    HttpStatus.INSUFFICIENT_STORAGE,
                    Problems.titled(
                            HttpStatus.INSUFFICIENT_STORAGE,
                            "The data store has no room for this write: " + storeFull));
        }
        if (causedBy(ex, TimeoutException.class)) {
            return new Resolved(
                    HttpStatus.GATEWAY_TIMEOUT,
                    Problems.titled(
                            HttpStatus.GATEWAY_TIMEOUT, "A service needed for this request did not answer in time."));
        }
        return new Resolved(
                HttpStatus.INTERNAL_SERVER_ERROR,
                Problems.titled(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "An unexpected error occurred. Quote the requestId when reporting it."));
    }

    private static List<FieldViolation> violations(WebExchangeBindException bind) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldError error : bind.getFieldErrors()) {
            violations.add(new FieldViolation(error.getField(), message(error)));
        }
        for (ObjectError error : bind.getGlobalErrors()) {
            violations.add(new FieldViolation(error.getObjectName(), message(error)));
        }
        return violations;
    }

    private static List<FieldViolation> violations(HandlerMethodValidationException validation) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ParameterValidationResult result : validation.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                for (FieldError error : errors.getFieldErrors()) {
                    violations.add(new FieldViolation(error.getField(), message(error)));
                }
                continue;
            }
            String name = parameterName(result.getMethodParameter());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                violations.add(new FieldViolation(
                        name, error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()));
            }
        }
        return violations;
    }

    /** The name the client used: a {@code @RequestParam}'s or {@code @PathVariable}'s, else the Java one. */
    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        return parameter.getParameterName() == null ? "parameter" : parameter.getParameterName();
    }

    private static String message(ObjectError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    /** A body that could not be read: malformed JSON, or a value of the wrong type for its field. */
    private static ProblemDetail unreadable(ServerWebInputException input) {
        JacksonException jackson = cause(input, JacksonException.class);
        if (jackson == null) {
            ProblemDetail body = input.getBody();
            body.setTitle("Invalid request");
            return body;
        }
        if (jackson instanceof StreamReadException) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "The request body is not valid JSON: " + jackson.getOriginalMessage());
            body.setTitle("Invalid request");
            return body;
        }
        String field = path(jackson);
        return Problems.invalidBody(List.of(new FieldViolation(field, "has the wrong type or format")));
    }

    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String rootCause(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        return cause(ex, type) != null;
    }

    private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
        for (Throwable current = ex; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }
}
