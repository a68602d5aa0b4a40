package io.leadsuite.lists.repair;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lists.list.ListDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Recounts lists from leads-service's data and corrects any drift. A page of lists is compared only in a
 * quiet moment: the counting consumer has committed everything on the lead topic, and nothing is
 * published while leads-service counts (the topic's end offsets are the same before and after). Then
 * both sides describe the same set of events, so any difference is drift, and the correction is written
 * only if the list has not changed since it was read. Pages that are never quiet are reported as
 * skipped and tried again on the next run.
 */
@Component
public class CountRepair {

    private static final Logger log = LoggerFactory.getLogger(CountRepair.class);
    private static final int PAGE = 500;

    private final ReactiveMongoTemplate mongo;
    private final LeadsClient leads;
    private final TopicProgress progress;
    private final Counter corrected;

    CountRepair(ReactiveMongoTemplate mongo, LeadsClient leads, TopicProgress progress, MeterRegistry meters) {
        this.mongo = mongo;
        this.leads = leads;
        this.progress = progress;
        this.corrected = meters.counter("leadsuite.lists.count.corrections");
    }

    /** What a run found. */
    public record Report(int checked, int corrected, int skipped, List<Correction> corrections) {
        static final Report EMPTY = new Report(0, 0, 0, List.of());

        Report plus(Report other) {
            List<Correction> all = new ArrayList<>(corrections);
            all.addAll(other.corrections);
            return new Report(checked + other.checked, corrected + other.corrected, skipped + other.skipped, all);
        }
    }

    /** One corrected count. */
    public record Correction(String listId, String userId, long from, long to) {}

    public Mono<Report> run() {
        return page(null)
                .expand(page -> page.size() < PAGE
                        ? Mono.empty()
                        : page(page.get(page.size() - 1).id()))
                .concatMap(this::repair)
                .reduce(Report.EMPTY, Report::plus)
                .doOnNext(report -> log.info(
                        "Count repair: {} lists checked, {} corrected, {} skipped",
                        report.checked(),
                        report.corrected(),
                        report.skipped()));
    }

    private Mono<List<ListDocument>> page(@Nullable ObjectId after) {
        Criteria live = where("deletedAt").isNull();
        if (after != null) {
            live = live.and("_id").gt(after);
        }
        return mongo.find(query(live).with(Sort.by("_id")).limit(PAGE), ListDocument.class)
                .collectList();
    }

    private Mono<Report> repair(List<ListDocument> page) {
        if (page.isEmpty()) {
            return Mono.just(Report.EMPTY);
        }
        return blocking(progress::caughtUp).flatMap(before -> {
            if (before.isEmpty()) {
                return Mono.just(skipped(page, "the counting consumer is behind"));
            }
            Map<String, List<String>> byUser = page.stream()
                    .collect(Collectors.groupingBy(
                            ListDocument::userId,
                            Collectors.mapping(list -> list.id().toHexString(), Collectors.toList())));
            return Flux.fromIterable(byUser.entrySet())
                    .concatMap(user -> leads.counts(user.getKey(), user.getValue()))
                    .collect(HashMap<String, Long>::new, Map::putAll)
                    .flatMap(truth -> mongo.find(
                                    query(where("_id")
                                            .in(page.stream()
                                                    .map(ListDocument::id)
                                                    .toList())),
                                    ListDocument.class)
                            .collectList()
                            .flatMap(snapshot -> blocking(progress::endOffsets)
                                    .flatMap(after -> after.equals(before.get())
                                            ? correct(snapshot, truth)
                                            : Mono.just(skipped(page, "lead events were published meanwhile")))));
        });
    }

    private Mono<Report> correct(List<ListDocument> snapshot, Map<String, Long> truth) {
        List<Correction> corrections = new ArrayList<>();
        return Flux.fromIterable(snapshot)
                .filter(list -> list.deletedAt() == null)
                .filter(list -> truth.containsKey(list.id().toHexString()))
                .filter(list -> truth.get(list.id().toHexString()) != list.leadCount())
                .concatMap(list -> {
                    long count = truth.get(list.id().toHexString());
                    Criteria unchanged = where("_id")
                            .is(list.id())
                            .and("leadCount")
                            .is(list.leadCount())
                            .and("countedOffsets")
                            .is(list.countedOffsets())
                            .and("deletedAt")
                            .isNull();
                    return mongo.updateFirst(query(unchanged), new Update().set("leadCount", count), ListDocument.class)
                            .filter(result -> result.getModifiedCount() == 1)
                            .doOnNext(result -> {
                                log.warn(
                                        "Corrected the lead count of list {} from {} to {}",
                                        list.id(),
                                        list.leadCount(),
                                        count);
                                corrected.increment();
                                corrections.add(new Correction(
                                        list.id().toHexString(), list.userId(), list.leadCount(), count));
                            });
                })
                .then(Mono.fromSupplier(() -> new Report(
                        (int) snapshot.stream()
                                .filter(list -> list.deletedAt() == null)
                                .filter(list -> truth.containsKey(list.id().toHexString()))
                                .count(),
                        corrections.size(),
                        0,
                        List.copyOf(corrections))));
    }

    private static Report skipped(List<ListDocument> page, String why) {
        log.info("Count repair skipped {} lists: {}", page.size(), why);
        return new Report(0, 0, page.size(), List.of());
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
