package io.leadsuite.lines.line;

import io.leadsuite.common.events.LineChange;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import io.leadsuite.lines.line.LineEvents.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Changes a line's profile and daily limits (JSON Merge Patch) in one versioned write with its {@code
 * LineUpdated} event, naming the fields that changed; a patch that changes nothing writes nothing.
 */
@Component
class UpdateLineHandler {

    private static final Set<String> UPDATABLE = Set.of(
            "phone",
            "email",
            "firstName",
            "lastName",
            "profileImageUrl",
            "createdUserId",
            "dailyNewConversationsLimit",
            "dailyTotalMessagesLimit");

    private final LineRules rules;
    private final LineEvents events;
    private final LineMutations mutations;

    UpdateLineHandler(LineRules rules, LineEvents events, LineMutations mutations) {
        this.rules = rules;
        this.events = events;
        this.mutations = mutations;
    }

    Mono<LineDocument> handle(UpdateLine command) {
        Map<String, @Nullable Object> patch = command.patch();
        List<FieldViolation> unknown = patch.keySet().stream()
                .filter(field -> !UPDATABLE.contains(field))
                .map(field -> new FieldViolation(
                        field,
                        "cannot be changed (one of "
                                + String.join(", ", UPDATABLE.stream().sorted().toList()) + ")"))
                .toList();
        if (!unknown.isEmpty()) {
            return Mono.error(Problems.invalid(unknown));
        }
        return mutations.mutate(command.tenant(), command.lineId(), current -> {
            List<FieldViolation> violations = new ArrayList<>();
            Update update = new Update();
            List<String> changed = new ArrayList<>();
            String phone = current.phone();
            int newConversations = current.dailyNewConversationsLimit();
            int totalMessages = current.dailyTotalMessagesLimit();
            for (Map.Entry<String, @Nullable Object> entry : patch.entrySet()) {
                Object value = entry.getValue();
                Object next = switch (entry.getKey()) {
                    case "phone" -> {
                        if (current.provisioningStatus() != ProvisioningStatus.provisioning) {
                            violations.add(new FieldViolation("phone", "cannot change once provisioning has ended"));
                        }
                        phone = rules.phone(value, violations);
                        yield phone;
                    }
                    case "email" -> rules.email(value, violations);
                    case "firstName" -> rules.name(value, "firstName", violations);
                    case "lastName" -> rules.name(value, "lastName", violations);
                    case "profileImageUrl" -> rules.imageUrl(value, violations);
                    case "createdUserId" -> rules.userId(value, violations);
                    case "dailyNewConversationsLimit" ->
                        newConversations = rules.newConversationsLimit(value, violations);
                    case "dailyTotalMessagesLimit" -> totalMessages = rules.totalMessagesLimit(value, violations);
                    default -> throw notUpdatable(entry.getKey());
                };
                if (!Objects.equals(next, field(current, entry.getKey()))) {
                    changed.add(entry.getKey());
                    if (next == null) {
                        update.unset(entry.getKey());
                    } else {
                        update.set(entry.getKey(), next);
                    }
                }
            }
            if (!violations.isEmpty()) {
                return Mono.error(Problems.invalid(violations));
            }
            if (changed.isEmpty()) {
                return Mono.empty();
            }
            Instant now = mutations.now();
            State state = State.of(current).updated(phone, newConversations, totalMessages);
            PendingEvent event = events.event(
                    LineChange.UPDATED, command.tenant().userId(), current, current.version() + 1, state, changed, now);
            return Mono.just(LineMutations.changed(update, event, now));
        });
    }

    private static @Nullable Object field(LineDocument line, String name) {
        return switch (name) {
            case "phone" -> line.phone();
            case "email" -> line.email();
            case "firstName" -> line.firstName();
            case "lastName" -> line.lastName();
            case "profileImageUrl" -> line.profileImageUrl();
            case "createdUserId" -> line.createdUserId();
            case "dailyNewConversationsLimit" -> line.dailyNewConversationsLimit();
            case "dailyTotalMessagesLimit" -> line.dailyTotalMessagesLimit();
            default -> throw notUpdatable(name);
        };
    }

    /** A field past the {@link #UPDATABLE} check: a field added there but not here. */
    private static IllegalStateException notUpdatable(String field) {
        return new IllegalStateException("Not an updatable field of a line: " + field);
    }
}
