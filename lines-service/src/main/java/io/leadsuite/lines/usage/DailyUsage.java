package io.leadsuite.lines.usage;

import io.leadsuite.common.mongo.VersionedUpdate;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.line.LineReader;
import io.leadsuite.lines.org.Organizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * A line's consumption of its daily limits ({@link UsageDay} has the rules). Each consume is one
 * conditional update of the line: it adds to today's count only if the sum stays within the limit, so
 * concurrent callers can never pass it together. The first consume of a new day replaces the previous
 * day's counts in one update that is conditional on the previous day still being there, so a
 * concurrent increment is never lost: it either landed before (and is replaced with the day) or fails
 * its condition and is retried on the new day.
 */
@Component
class DailyUsage {

    static final int MAX_COUNT = 1000;
    private static final int RETRIES = 16;

    private final ReactiveMongoTemplate mongo;
    private final LineReader lines;
    private final Organizations organizations;
    private final Clock clock;
    private final MeterRegistry meters;

    DailyUsage(
            ReactiveMongoTemplate mongo,
            LineReader lines,
            Organizations organizations,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.lines = lines;
        this.organizations = organizations;
        this.clock = clock;
        this.meters = meters;
        // Every series exists from the start, at 0, so that rates and alerts see it before a first refusal.
        for (UsageKind kind : UsageKind.values()) {
            for (HttpStatus status : new HttpStatus[] {HttpStatus.TOO_MANY_REQUESTS, HttpStatus.CONFLICT}) {
                rejections(kind, status.value());
            }
        }
    }

    private Counter rejections(UsageKind kind, int status) {
        return meters.counter(
                "leadsuite.lines.usage.rejections", "kind", kind.name(), "status", String.valueOf(status));
    }

    Mono<UsageView> consume(Tenant tenant, String id, UsageKind kind, int count) {
        return organizations
                .timeZone(tenant.requireWorkspace())
                .flatMap(zone -> VersionedUpdate.apply(
                                mongo,
                                lines.find(tenant, id),
                                line -> attempt(line, kind, count, day(zone)),
                                LineDocument.class,
                                RETRIES,
                                "The line's usage or limits are changing too fast; try again")
                        .map(line -> day(zone).view(line)))
                // leadsuite.lines.usage.rejections: 429 over a daily limit, 409 a line that cannot send.
                .doOnError(
                        ErrorResponseException.class,
                        refused -> rejections(kind, refused.getStatusCode().value())
                                .increment());
    }

    Mono<UsageView> today(Tenant tenant, String id) {
        return organizations
                .timeZone(tenant.requireWorkspace())
                .flatMap(zone -> lines.find(tenant, id).map(line -> day(zone).view(line)));
    }

    private static Mono<VersionedUpdate.Guarded> attempt(LineDocument line, UsageKind kind, int count, UsageDay day) {
        if (!line.isActive()) {
            return Mono.error(Problems.of(
                    HttpStatus.CONFLICT,
                    "Line " + line.id().toHexString() + " is " + line.provisioningStatus()
                            + "; only active lines can send"));
        }
        UsageDay.Consumption consumption = day.consume(line, kind, count);
        return consumption.overLimit()
                ? Mono.error(overLimit(line, kind, consumption, day))
                : Mono.just(consumption.write());
    }

    private static ErrorResponseException overLimit(
            LineDocument line, UsageKind kind, UsageDay.Consumption over, UsageDay day) {
        Instant resetsAt = day.resetsAt();
        ProblemDetail problem = Problems.titled(
                HttpStatus.TOO_MANY_REQUESTS,
                "Line " + line.id().toHexString() + " has used " + over.used() + " of its " + over.limit() + " daily "
                        + kind.description + "; it resets at " + resetsAt);
        problem.setProperty("kind", kind.name());
        problem.setProperty("used", over.used());
        problem.setProperty("limit", over.limit());
        problem.setProperty("resetsAt", resetsAt);
        ErrorResponseException exception = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(day.secondsToReset()));
        return exception;
    }

    private UsageDay day(ZoneId zone) {
        return new UsageDay(clock.instant(), zone);
    }
}
