package io.leadsuite.lines.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.lines.line.BillingType;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.line.ProvisioningStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class UsageDayTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    @Test
    void theDayIsTheDateInTheWorkspacesZoneAndEndsAtItsNextMidnight() {
        UsageDay day = new UsageDay(Instant.parse("2026-06-15T13:00:00Z"), AUCKLAND);

        assertThat(day.date()).isEqualTo("2026-06-16");
        assertThat(day.resetsAt()).isEqualTo(Instant.parse("2026-06-16T12:00:00Z"));
        assertThat(new UsageDay(Instant.parse("2026-06-15T13:00:00Z"), UTC).date())
                .isEqualTo("2026-06-15");
    }

    @Test
    void retryAfterRoundsUpToWholeSecondsAndIsNeverZero() {
        assertThat(new UsageDay(Instant.parse("2026-03-10T22:00:00Z"), UTC).secondsToReset())
                .isEqualTo(7200);
        assertThat(new UsageDay(Instant.parse("2026-03-10T23:59:58.001Z"), UTC).secondsToReset())
                .isEqualTo(2);
        assertThat(new UsageDay(Instant.parse("2026-03-10T23:59:59.999Z"), UTC).secondsToReset())
                .isEqualTo(1);
    }

    @Test
    void aCountWithinTheLimitIsAddedToTodayOnlyWhileTheLineIsAsRead() {
        UsageDay day = new UsageDay(Instant.parse("2026-03-10T12:00:00Z"), UTC);
        LineDocument line = line(20, 150, new LineDocument.Usage("2026-03-10", 18, 0));

        UsageDay.Consumption consumption = day.consume(line, UsageKind.newConversation, 2);

        assertThat(consumption.overLimit()).isFalse();
        Document guard = consumption.write().guard().getQueryObject();
        assertThat(guard)
                .containsEntry("_id", line.id())
                .containsEntry("isActive", true)
                .containsEntry("usage.date", "2026-03-10")
                .containsEntry("dailyNewConversationsLimit", 20)
                .containsEntry("usage.newConversationsCount", new Document("$lte", 18));
        assertThat(consumption.write().update().getUpdateObject())
                .isEqualTo(new Document("$inc", new Document("usage.newConversationsCount", 2)));
    }

    @Test
    void aCountThatWouldPassTheLimitIsRefusedWithWhatIsUsed() {
        UsageDay day = new UsageDay(Instant.parse("2026-03-10T12:00:00Z"), UTC);
        LineDocument line = line(20, 150, new LineDocument.Usage("2026-03-10", 18, 150));

        UsageDay.Consumption conversations = day.consume(line, UsageKind.newConversation, 3);
        UsageDay.Consumption messages = day.consume(line, UsageKind.message, 1);

        assertThat(conversations.overLimit()).isTrue();
        assertThat(conversations.used()).isEqualTo(18);
        assertThat(conversations.limit()).isEqualTo(20);
        assertThat(messages.overLimit()).isTrue();
        assertThat(messages.used()).isEqualTo(150);
    }

    @Test
    void theFirstConsumeOfANewDayReplacesTheEndedDayConditionalOnIt() {
        UsageDay day = new UsageDay(Instant.parse("2026-03-11T00:00:01Z"), UTC);
        LineDocument line = line(20, 150, new LineDocument.Usage("2026-03-10", 20, 150));

        UsageDay.Consumption consumption = day.consume(line, UsageKind.message, 1);

        assertThat(consumption.overLimit()).isFalse();
        assertThat(consumption.used()).isZero();
        assertThat(consumption.write().guard().getQueryObject())
                .containsEntry("usage.date", "2026-03-10")
                .containsEntry("dailyTotalMessagesLimit", 150)
                .doesNotContainKey("usage.totalMessagesCount");
        assertThat(consumption.write().update().getUpdateObject().get("$set", Document.class))
                .containsEntry("usage", new LineDocument.Usage("2026-03-11", 0, 1));
    }

    @Test
    void aLineThatNeverConsumedStartsItsFirstDayOnlyIfItStillHasNone() {
        UsageDay day = new UsageDay(Instant.parse("2026-03-11T09:00:00Z"), UTC);

        UsageDay.Consumption consumption = day.consume(line(20, 150, null), UsageKind.newConversation, 20);

        assertThat(consumption.write().guard().getQueryObject()).containsEntry("usage", null);
        assertThat(consumption.write().update().getUpdateObject().get("$set", Document.class))
                .containsEntry("usage", new LineDocument.Usage("2026-03-11", 20, 0));
        assertThat(day.consume(line(20, 150, null), UsageKind.newConversation, 21)
                        .overLimit())
                .isTrue();
    }

    @Test
    void aLineAlreadyOnALaterDayCountsOnThatDay() {
        UsageDay behind = new UsageDay(Instant.parse("2026-03-10T23:59:59Z"), UTC);
        LineDocument line = line(20, 150, new LineDocument.Usage("2026-03-11", 0, 10));

        UsageDay.Consumption consumption = behind.consume(line, UsageKind.message, 5);

        assertThat(consumption.used()).isEqualTo(10);
        assertThat(consumption.write().guard().getQueryObject())
                .containsEntry("usage.date", "2026-03-11")
                .containsEntry("usage.totalMessagesCount", new Document("$lte", 145));
        assertThat(behind.isCurrent(line.usage())).isTrue();
    }

    @Test
    void theViewShowsNothingUsedOnceTheDayHasEnded() {
        LineDocument line = line(20, 150, new LineDocument.Usage("2026-03-10", 7, 42));

        UsageView sameDay = new UsageDay(Instant.parse("2026-03-10T23:00:00Z"), UTC).view(line);
        UsageView nextDay = new UsageDay(Instant.parse("2026-03-11T00:00:00Z"), UTC).view(line);

        assertThat(sameDay.date()).isEqualTo("2026-03-10");
        assertThat(sameDay.newConversations()).isEqualTo(new UsageView.Counter(7, 20));
        assertThat(sameDay.totalMessages()).isEqualTo(new UsageView.Counter(42, 150, 108));
        assertThat(nextDay.date()).isEqualTo("2026-03-11");
        assertThat(nextDay.totalMessages()).isEqualTo(new UsageView.Counter(0, 150, 150));
        assertThat(nextDay.resetsAt()).isEqualTo(Instant.parse("2026-03-12T00:00:00Z"));
        assertThat(nextDay.timeZone()).isEqualTo("Z");
    }

    private static LineDocument line(int newConversations, int totalMessages, LineDocument.@Nullable Usage usage) {
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        return new LineDocument(
                new ObjectId(),
                "org_test",
                "user_buyer",
                null,
                "+12025550143",
                "sender@example.com",
                "Sender",
                "Test",
                null,
                true,
                ProvisioningStatus.active,
                at,
                at,
                at,
                null,
                BillingType.free,
                true,
                null,
                null,
                null,
                newConversations,
                totalMessages,
                usage,
                at,
                at,
                2,
                null,
                "hash",
                null,
                null,
                List.of(),
                null);
    }
}
