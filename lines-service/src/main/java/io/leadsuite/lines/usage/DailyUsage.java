package io.leadsuite.lines.usage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.line.LineWriter;
import io.leadsuite.lines.org.Organizations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A line's consumption of its daily limits. Each consume is one conditional update of the line: it
 * adds to today's count only if the sum stays within the limit, so concurrent callers can never pass
 * it together. The first consume of a new day replaces the previous day's counts in one update that
 * is conditional on the previous day still being there, so a concurrent increment is never lost: it
 * either landed before (and is replaced with the day) or fails its condition and is retried on the new
 * day.
 */
@Component
class DailyUsage {

    static final int MAX_COUNT = 1000;
    private static final int ATTEMPTS = 16;

    private final ReactiveMongoTemplate mongo;
    private final LineWriter lines;
    private final Organizations organizations;
    private final Clock clock;

    DailyUsage(ReactiveMongoTemplate mongo, LineWriter lines, Organizations organizations, Clock clock) {
        this.mongo = mongo;
        this.lines = lines;
        this.organizations = organizations;
        this.clock = clock;
    }

    /** What can be consumed. */
    enum Kind {
        newConversation("usage.newConversationsCount", "dailyNewConversationsLimit"),
        message("usage.totalMessagesCount", "dailyTotalMessagesLimit");

        final String counter;
        final String limit;

        Kind(String counter, String limit) {
            this.counter = counter;
            this.limit = limit;
        }

        int limitOf(LineDocument line) {
            return this == newConversation ? line.dailyNewConversationsLimit() : line.dailyTotalMessagesLimit();
        }

        int usedOf(LineDocument.Usage usage) {
            return this == newConversation ? usage.newConversationsCount() : usage.totalMessagesCount();
        }
    }

    Mono<UsageView> consume(Tenant tenant, String id, Kind kind, int count) {
        return organizations
                .timeZone(tenant.requireWorkspace())
                .flatMap(zone -> Mono.defer(
                                () -> lines.find(tenant, id).flatMap(line -> attempt(line, kind, count, zone)))
                        .retryWhen(Retry.max(ATTEMPTS)
                                .filter(Raced.class::isInstance)
                                .onRetryExhaustedThrow((spec, signal) -> Problems.of(
                                        HttpStatus.CONFLICT,
                                        "The line's usage or limits are changing too fast; try again"))));
    }

    Mono<UsageView> today(Tenant tenant, String id) {
        return organizations
                .timeZone(tenant.requireWorkspace())
                .flatMap(zone -> lines.find(tenant, id).map(line -> view(line, zone)));
    }

    private Mono<UsageView> attempt(LineDocument line, Kind kind, int count, ZoneId zone) {
        if (!line.isActive()) {
            return Mono.error(Problems.of(
                    HttpStatus.CONFLICT,
                    "Line " + line.id().toHexString() + " is " + line.provisioningStatus()
                            + "; only active lines can send"));
        }
        String today = day(zone);
        LineDocument.Usage usage = line.usage();
        int limit = kind.limitOf(line);
        Criteria sameLine = where("_id")
                .is(line.id())
                .and("isActive")
                .is(true)
                .and("deletedAt")
                .isNull();
        boolean sameDay = usage != null && usage.date().compareTo(today) >= 0;
        if (sameDay && kind.usedOf(usage) + count > limit || count > limit) {
            return Mono.error(overLimit(line, kind, sameDay ? kind.usedOf(usage) : 0, limit, zone));
        }
        Update update;
        Criteria condition;
        if (sameDay) {
            // Another instance may already be on a later day than our clock; count on its day.
            condition = sameLine.and("usage.date")
                    .is(usage.date())
                    .and(kind.limit)
                    .is(limit)
                    .and(kind.counter)
                    .lte(limit - count);
            update = new Update().inc(kind.counter, count);
        } else {
            condition = usage == null
                    ? sameLine.and("usage").isNull()
                    : sameLine.and("usage.date").is(usage.date());
            condition = condition.and(kind.limit).is(limit);
            update = new Update()
                    .set(
                            "usage",
                            new LineDocument.Usage(
                                    today, kind == Kind.newConversation ? count : 0, kind == Kind.message ? count : 0));
        }
        return mongo.findAndModify(
                        query(condition), update, FindAndModifyOptions.options().returnNew(true), LineDocument.class)
                .map(updated -> view(updated, zone))
                .switchIfEmpty(Mono.error(Raced::new));
    }

    private UsageView view(LineDocument line, ZoneId zone) {
        String today = day(zone);
        LineDocument.Usage usage = line.usage();
        boolean current = usage != null && usage.date().compareTo(today) >= 0;
        int conversations = current ? usage.newConversationsCount() : 0;
        int messages = current ? usage.totalMessagesCount() : 0;
        return new UsageView(
                line.id().toHexString(),
                current ? usage.date() : today,
                zone.getId(),
                new UsageView.Counter(conversations, line.dailyNewConversationsLimit()),
                new UsageView.Counter(messages, line.dailyTotalMessagesLimit()),
                nextMidnight(zone));
    }

    private ErrorResponseException overLimit(LineDocument line, Kind kind, int used, int limit, ZoneId zone) {
        Instant resetsAt = nextMidnight(zone);
        long seconds = Math.max(1, (Duration.between(clock.instant(), resetsAt).toMillis() + 999) / 1000);
        ProblemDetail problem = Problems.titled(
                HttpStatus.TOO_MANY_REQUESTS,
                "Line " + line.id().toHexString() + " has used " + used + " of its " + limit + " daily "
                        + (kind == Kind.newConversation ? "new conversations" : "messages") + "; it resets at "
                        + resetsAt);
        problem.setProperty("kind", kind.name());
        problem.setProperty("used", used);
        problem.setProperty("limit", limit);
        problem.setProperty("resetsAt", resetsAt);
        ErrorResponseException exception = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return exception;
    }

    private String day(ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone).toString();
    }

    private Instant nextMidnight(ZoneId zone) {
        ZonedDateTime now = clock.instant().atZone(zone);
        return now.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The line changed between our read and our update (a new day, a new limit); try again. */
    private static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }
}
