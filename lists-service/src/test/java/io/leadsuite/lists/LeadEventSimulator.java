package io.leadsuite.lists;

import io.leadsuite.common.events.Topics;
import io.leadsuite.testkit.EventSender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Plays leads-service: keeps leads of one user, changes them at random (create, update, move between
 * lists, delete) and publishes the events leads-service would, in each lead's order, from several
 * clients at once. Knows the true count of every list, and keeps every record it sent for replays.
 */
public final class LeadEventSimulator {

    /** A record as sent. */
    public record Sent(String key, String value) {}

    private record Lead(String id, long version, @Nullable String listId) {}

    private final String userId;
    private final List<String> lists;
    private final Map<String, Lead> leads = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    public LeadEventSimulator(String userId, List<String> lists) {
        this.userId = userId;
        this.lists = List.copyOf(lists);
    }

    /**
     * Makes {@code changes} changes across {@code leadCount} leads from {@code clients} concurrent
     * clients (each owns its leads, so each lead's events stay in order) and waits until all are sent.
     */
    public void burst(EventSender sender, int changes, int leadCount, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int share = changes / clients + (client < changes % clients ? 1 : 0);
                List<String> own = new ArrayList<>();
                for (int i = client; i < leadCount; i += clients) {
                    own.add(new ObjectId().toHexString());
                }
                long seed = client;
                running.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < share; i++) {
                        int pick = random.nextInt(own.size());
                        if (change(sender, own.get(pick), random)) {
                            // Deleted: like leads-service, never reuse a lead id.
                            own.set(pick, new ObjectId().toHexString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            sender.flush();
        } finally {
            pool.shutdown();
        }
    }

    /** One change of one lead; {@code true} if it deleted the lead. */
    private boolean change(EventSender sender, String leadId, Random random) {
        Lead lead = leads.get(leadId);
        if (lead == null) {
            publish(sender, "LeadCreated", new Lead(leadId, 1, randomListOrNone(random)), null);
            return false;
        }
        int action = random.nextInt(10);
        if (action < 5) {
            publish(sender, "LeadMoved", new Lead(leadId, lead.version() + 1, randomListOrNone(random)), lead.listId());
        } else if (action < 8) {
            publish(sender, "LeadUpdated", new Lead(leadId, lead.version() + 1, lead.listId()), lead.listId());
        } else {
            publish(sender, "LeadDeleted", new Lead(leadId, lead.version() + 1, null), lead.listId());
            leads.remove(leadId);
            return true;
        }
        return false;
    }

    private void publish(EventSender sender, String type, Lead next, @Nullable String previousListId) {
        if (!type.equals("LeadDeleted")) {
            leads.put(next.id(), next);
        }
        String value = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"" + Instant.now() + "\",\"source\":\"leads-service\","
                + "\"tenant\":{\"userId\":\"" + userId + "\",\"workspaceId\":null},"
                + "\"data\":{\"leadId\":\"" + next.id() + "\",\"version\":" + next.version()
                + ",\"listId\":" + json(next.listId()) + ",\"previousListId\":" + json(previousListId)
                + ",\"actor\":\"user:" + userId + "\",\"lead\":null,\"changes\":null}}";
        sent.add(new Sent(next.id(), value));
        sender.sendAsync(Topics.LEAD_CHANGES, next.id(), value);
    }

    private @Nullable String randomListOrNone(Random random) {
        int pick = random.nextInt(lists.size() + 1);
        return pick == lists.size() ? null : lists.get(pick);
    }

    private static String json(@Nullable String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** The number of live leads in each list, as leads-service would count them. */
    public Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new HashMap<>();
        lists.forEach(list -> counts.put(list, 0L));
        leads.values().stream()
                .filter(lead -> lead.listId() != null)
                .forEach(lead -> counts.merge(lead.listId(), 1L, Long::sum));
        return counts;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }
}
