package io.leadsuite.imports.run;

import io.leadsuite.common.events.Topics;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;

/**
 * The one place that knows reactor-kafka (discontinued upstream, so kept behind this adapter; ADR 11):
 * receives {@value Topics#IMPORT_REQUESTS} in the worker's consumer group and hands each request to
 * {@link JobRunner}. Each partition's requests run one after another, partitions side by side, so a
 * worker runs as many jobs at once as it owns partitions, and more workers in the group share them. A
 * request's offset is committed only once its job has ended (or was found ended), so a worker that dies
 * mid-job leaves the request to the member that takes its partition over, which resumes the job.
 *
 * <p>Each job runs in the trace of its request: the record's W3C {@code traceparent} (written by the
 * upload's producer span) is the parent of a consumer observation that the job's batch calls and log
 * lines belong to.
 */
final class ImportRequestsReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportRequestsReceiver.class);

    /**
     * @param brokers the Kafka bootstrap servers
     * @param group the consumer group the workers share
     * @param partitions how many partitions the topic is created with when it does not exist yet
     * @param sessionTimeout how long the group waits for a silent member before moving its partitions
     */
    record Settings(String brokers, String group, int partitions, Duration sessionTimeout) {}

    private final Settings settings;
    private final JobRunner runner;
    private final ObservationRegistry observations;
    private volatile Disposable running;

    ImportRequestsReceiver(Settings settings, JobRunner runner, ObservationRegistry observations) {
        this.settings = settings;
        this.runner = runner;
        this.observations = observations;
    }

    @Override
    public void start() {
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        settings.brokers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        settings.group(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        50,
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        (int) settings.sessionTimeout().toMillis(),
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                        (int) settings.sessionTimeout().dividedBy(3).toMillis(),
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class))
                .commitInterval(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(5))
                .subscription(List.of(Topics.IMPORT_REQUESTS));
        running = Mono.fromRunnable(this::createTopicIfMissing)
                .subscribeOn(Schedulers.boundedElastic())
                .thenMany(KafkaReceiver.create(options).receive())
                .groupBy(record -> record.receiverOffset().topicPartition())
                .flatMap(partition -> partition.concatMap(this::handle), Integer.MAX_VALUE)
                .retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(
                                signal -> log.warn("Import requests consumer failed; reconnecting", signal.failure())))
                .subscribe(null, error -> log.error("Import requests consumer stopped", error));
    }

    private Mono<Void> handle(ReceiverRecord<String, byte[]> record) {
        ReceiverContext<Headers> received = new ReceiverContext<>((headers, name) -> {
            Header header = headers.lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        });
        received.setCarrier(record.headers());
        received.setRemoteServiceName("kafka");
        Observation job = Observation.createNotStarted("leadsuite.imports.job", () -> received, observations)
                .contextualName(Topics.IMPORT_REQUESTS + " process")
                .lowCardinalityKeyValue("messaging.destination.name", Topics.IMPORT_REQUESTS);
        return Mono.defer(() -> {
                    job.start();
                    return runner.run(record.value())
                            .doOnError(job::error)
                            .doFinally(signal -> job.stop())
                            .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, job));
                })
                .onErrorResume(error -> {
                    log.error("Import request {} could not be handled", record.key(), error);
                    return Mono.empty();
                })
                .then(Mono.fromRunnable(record.receiverOffset()::acknowledge));
    }

    private void createTopicIfMissing() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.brokers()))) {
            admin.createTopics(List.of(
                            new NewTopic(Topics.IMPORT_REQUESTS, Optional.of(settings.partitions()), Optional.empty())))
                    .all()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create {}; the consumer waits for it", Topics.IMPORT_REQUESTS, ex.getCause());
            }
        } catch (TimeoutException ex) {
            log.warn("Kafka did not answer in time to create {}; the consumer waits for it", Topics.IMPORT_REQUESTS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
