package io.leadsuite.lines.usage;

import io.leadsuite.lines.line.LineDocument;

/** What a line consumes of its daily limits; named as callers send it ({@code kind}). */
enum UsageKind {
    newConversation("usage.newConversationsCount", "dailyNewConversationsLimit", "new conversations"),
    message("usage.totalMessagesCount", "dailyTotalMessagesLimit", "messages");

    /** The line's field that counts today's consumption. */
    final String counter;

    /** The line's field that holds the daily limit. */
    final String limit;

    /** How a problem names what was used up. */
    final String description;

    UsageKind(String counter, String limit, String description) {
        this.counter = counter;
        this.limit = limit;
        this.description = description;
    }

    int limitOf(LineDocument line) {
        return this == newConversation ? line.dailyNewConversationsLimit() : line.dailyTotalMessagesLimit();
    }

    int usedOf(LineDocument.Usage usage) {
        return this == newConversation ? usage.newConversationsCount() : usage.totalMessagesCount();
    }
}
