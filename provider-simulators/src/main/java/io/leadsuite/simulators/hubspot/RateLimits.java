package io.leadsuite.simulators.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot's limits per installed account: a rolling burst window (110 calls per 10 s for OAuth apps),
 * the search endpoint's own per-second limit, and optionally a daily allowance. Search calls count in
 * both the burst window and their own (HubSpot does not say whether they share the burst bucket; the
 * stricter reading is simulated). Every accepted call is remembered, so a test can ask for the most
 * calls any window of a given length saw.
 */
final class RateLimits {

    private static final Duration BURST_WINDOW = Duration.ofSeconds(10);
    private static final Duration SEARCH_WINDOW = Duration.ofSeconds(1);

    /** Why a call was refused, as HubSpot names the policy. */
    record Refusal(String policyName, String message) {}

    private final Clock clock;
    private final Map<Long, Account> accounts = new HashMap<>();

    RateLimits(Clock clock) {
        this.clock = clock;
    }

    /** Counts a call of {@code hubId}'s, or says which limit refuses it (a refused call counts nowhere). */
    synchronized @Nullable Refusal admit(long hubId, boolean search, Limits limits) {
        Account account = accounts.computeIfAbsent(hubId, id -> new Account());
        long now = clock.millis();
        drop(account.burst, now - BURST_WINDOW.toMillis());
        drop(account.search, now - SEARCH_WINDOW.toMillis());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(account.day)) {
            account.day = today;
            account.dailyCalls = 0;
        }
        if (limits.daily() > 0 && account.dailyCalls >= limits.daily()) {
            return new Refusal("DAILY", "You have reached your daily limit.");
        }
        if (account.burst.size() >= limits.burst()) {
            return new Refusal("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.");
        }
        if (search && account.search.size() >= limits.searchPerSecond()) {
            return new Refusal("SECONDLY", "You have reached your secondly limit.");
        }
        account.burst.addLast(now);
        if (search) {
            account.search.addLast(now);
        }
        account.dailyCalls++;
        account.accepted.add(now);
        return null;
    }

    /** Calls left in {@code hubId}'s burst window now. */
    synchronized int remaining(long hubId, Limits limits) {
        Account account = accounts.get(hubId);
        return account == null ? limits.burst() : Math.max(0, limits.burst() - account.burst.size());
    }

    /** The most calls of {@code hubId}'s that any window of {@code length} accepted. */
    synchronized int maxAcceptedIn(long hubId, Duration length) {
        Account account = accounts.get(hubId);
        if (account == null) {
            return 0;
        }
        List<Long> calls = new ArrayList<>(account.accepted);
        int max = 0;
        int start = 0;
        for (int end = 0; end < calls.size(); end++) {
            while (calls.get(end) - calls.get(start) >= length.toMillis()) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    private static void drop(Deque<Long> window, long before) {
        while (!window.isEmpty() && window.peekFirst() <= before) {
            window.removeFirst();
        }
    }

    /** The limits in force; {@code daily} 0 means none (OAuth apps report none). */
    record Limits(int burst, int searchPerSecond, long daily) {}

    private static final class Account {
        final Deque<Long> burst = new ArrayDeque<>();
        final Deque<Long> search = new ArrayDeque<>();
        final List<Long> accepted = new ArrayList<>();

        @Nullable
        LocalDate day;

        long dailyCalls;
    }
}
