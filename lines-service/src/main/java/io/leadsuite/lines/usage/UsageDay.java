package io.leadsuite.lines.usage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.mongo.VersionedUpdate.Guarded;
import io.leadsuite.lines.line.LineDocument;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The rules of one day of a line's usage, without the database: the day is the date at {@code now} in
 * the workspace's zone and ends at the next midnight there; a count is within the limit only if
 * today's count plus it stays within it; a line whose usage is of an earlier day has used nothing
 * today; a line already on a later day (another instance's clock is ahead) counts on that day.
 */
record UsageDay(Instant now, ZoneId zone) {

    /** Today in the zone, {@code YYYY-MM-DD}. */
    String date() {
        return LocalDate.ofInstant(now, zone).toString();
    }

    /** The next midnight in the zone, when the counts start again from zero. */
    Instant resetsAt() {
        return now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Whole seconds until {@link #resetsAt()}, rounded up, at least one: a {@code Retry-After}. */
    long secondsToReset() {
        return Math.max(1, (Duration.between(now, resetsAt()).toMillis() + 999) / 1000);
    }

    /** Whether {@code usage} counts today (or a later day), rather than a day that has ended. */
    boolean isCurrent(LineDocument.@Nullable Usage usage) {
        return usage != null && usage.date().compareTo(date()) >= 0;
    }

    /**
     * What consuming a count means today: {@code write} adds it, only while the line is still as read;
     * without one the count would pass the limit, of which {@code used} are gone today.
     */
    record Consumption(@Nullable Guarded write, int used, int limit) {

        boolean overLimit() {
            return write == null;
        }
    }

    Consumption consume(LineDocument line, UsageKind kind, int count) {
        LineDocument.Usage usage = line.usage();
        int limit = kind.limitOf(line);
        boolean sameDay = isCurrent(usage);
        int used = sameDay ? kind.usedOf(usage) : 0;
        if (used + count > limit) {
            return new Consumption(null, used, limit);
        }
        Criteria sameLine = where("_id")
                .is(line.id())
                .and("isActive")
                .is(true)
                .and("deletedAt")
                .isNull();
        if (sameDay) {
            // Another instance may already be on a later day than our clock; count on its day.
            Criteria condition = sameLine.and("usage.date")
                    .is(usage.date())
                    .and(kind.limit)
                    .is(limit)
                    .and(kind.counter)
                    .lte(limit - count);
            return new Consumption(new Guarded(query(condition), new Update().inc(kind.counter, count)), used, limit);
        }
        Criteria condition = usage == null
                ? sameLine.and("usage").isNull()
                : sameLine.and("usage.date").is(usage.date());
        LineDocument.Usage first = new LineDocument.Usage(
                date(), kind == UsageKind.newConversation ? count : 0, kind == UsageKind.message ? count : 0);
        return new Consumption(
                new Guarded(query(condition.and(kind.limit).is(limit)), new Update().set("usage", first)), used, limit);
    }

    /** The line's usage as of today. */
    UsageView view(LineDocument line) {
        LineDocument.Usage usage = line.usage();
        boolean current = isCurrent(usage);
        return new UsageView(
                line.id().toHexString(),
                current ? usage.date() : date(),
                zone.getId(),
                new UsageView.Counter(current ? usage.newConversationsCount() : 0, line.dailyNewConversationsLimit()),
                new UsageView.Counter(current ? usage.totalMessagesCount() : 0, line.dailyTotalMessagesLimit()),
                resetsAt());
    }
}
