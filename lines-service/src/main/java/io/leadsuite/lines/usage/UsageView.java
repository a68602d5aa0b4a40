package io.leadsuite.lines.usage;

import java.time.Instant;

/**
 * A line's usage today.
 *
 * @param date today in the workspace's time zone ({@code YYYY-MM-DD})
 * @param resetsAt the next midnight there, when the counts start again from zero
 */
record UsageView(
        String lineId,
        String date,
        String timeZone,
        Counter newConversations,
        Counter totalMessages,
        Instant resetsAt) {

    record Counter(int used, int limit, int remaining) {
        Counter(int used, int limit) {
            this(used, limit, Math.max(0, limit - used));
        }
    }
}
