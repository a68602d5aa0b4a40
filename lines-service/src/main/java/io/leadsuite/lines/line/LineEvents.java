package io.leadsuite.lines.line;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.LineChange;
import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds the {@code lines.line-changes.v1} events that writes put in a line's outbox. */
@Component
public class LineEvents {

    private static final String SOURCE = "lines-service";

    private final JsonMapper json;

    LineEvents(JsonMapper json) {
        this.json = json;
    }

    /** The state a change leaves a line in, as the event carries it. */
    public record State(
            ProvisioningStatus provisioningStatus,
            boolean isActive,
            @Nullable String phone,
            @Nullable String failureReason,
            int dailyNewConversationsLimit,
            int dailyTotalMessagesLimit) {

        /** The line's state as it is. */
        public static State of(LineDocument line) {
            return new State(
                    line.provisioningStatus(),
                    line.isActive(),
                    line.phone(),
                    line.failureReason(),
                    line.dailyNewConversationsLimit(),
                    line.dailyTotalMessagesLimit());
        }

        /** This state after a change of the number or the daily limits. */
        State updated(@Nullable String newPhone, int newConversationsLimit, int totalMessagesLimit) {
            return new State(
                    provisioningStatus, isActive, newPhone, failureReason, newConversationsLimit, totalMessagesLimit);
        }

        /** This state after a deletion: the line no longer sends. */
        State deleted() {
            return new State(
                    provisioningStatus,
                    false,
                    phone,
                    failureReason,
                    dailyNewConversationsLimit,
                    dailyTotalMessagesLimit);
        }

        /** This state after the carrier's verdict: {@code active} lines send; failed ones have a reason. */
        public State provisioned(ProvisioningStatus status, @Nullable String newPhone, @Nullable String reason) {
            return new State(
                    status,
                    status == ProvisioningStatus.active,
                    newPhone,
                    reason,
                    dailyNewConversationsLimit,
                    dailyTotalMessagesLimit);
        }
    }

    /** The event of a change that leaves {@code line} at {@code version} in {@code state}. */
    public PendingEvent event(
            String type,
            String actorUserId,
            LineDocument line,
            long version,
            State state,
            List<String> changedFields,
            Instant at) {
        LineChange change = new LineChange(
                line.id().toHexString(),
                version,
                state.provisioningStatus().name(),
                state.isActive(),
                line.billingType().name(),
                state.phone(),
                state.failureReason(),
                state.dailyNewConversationsLimit(),
                state.dailyTotalMessagesLimit(),
                changedFields);
        EventEnvelope<LineChange> envelope =
                EventEnvelope.of(type, SOURCE, at, new EventEnvelope.Tenant(actorUserId, line.workspaceId()), change);
        return PendingEvent.of(envelope, json);
    }
}
