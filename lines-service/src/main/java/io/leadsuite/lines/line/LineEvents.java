package io.leadsuite.lines.line;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.LineChange;
import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
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
            String provisioningStatus,
            boolean isActive,
            @Nullable String phone,
            @Nullable String failureReason,
            int dailyNewConversationsLimit,
            int dailyTotalMessagesLimit) {

        public static State of(LineDocument line) {
            return new State(
                    line.provisioningStatus(),
                    line.isActive(),
                    line.phone(),
                    line.failureReason(),
                    line.dailyNewConversationsLimit(),
                    line.dailyTotalMessagesLimit());
        }
    }

    public PendingEvent event(
            String type,
            String actorUserId,
            LineDocument line,
            long version,
            State state,
            List<String> changedFields,
            Instant at) {
        return event(
                type,
                actorUserId,
                line.id(),
                line.workspaceId(),
                line.billingType(),
                version,
                state,
                changedFields,
                at);
    }

    public PendingEvent event(
            String type,
            String actorUserId,
            ObjectId lineId,
            String workspaceId,
            String billingType,
            long version,
            State state,
            List<String> changedFields,
            Instant at) {
        LineChange change = new LineChange(
                lineId.toHexString(),
                version,
                state.provisioningStatus(),
                state.isActive(),
                billingType,
                state.phone(),
                state.failureReason(),
                state.dailyNewConversationsLimit(),
                state.dailyTotalMessagesLimit(),
                changedFields);
        EventEnvelope<LineChange> envelope =
                EventEnvelope.of(type, SOURCE, at, new EventEnvelope.Tenant(actorUserId, workspaceId), change);
        return PendingEvent.of(envelope, json);
    }
}
