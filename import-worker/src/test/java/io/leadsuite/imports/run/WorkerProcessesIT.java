package io.leadsuite.imports.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.Topics;
import io.leadsuite.imports.ImportApi;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.testkit.SharedInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Workers as operators run them: each its own process from the module's jar, in one consumer group,
 * against the real store and broker and a stand-in of leads-service that takes a while per batch. This
 * JVM serves only the API ({@code worker-enabled=false}). A worker is killed with SIGKILL, so nothing
 * of it gets to run on the way down.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "leadsuite.imports.worker-enabled=false",
            "leadsuite.imports.push-enabled=false",
            "spring.cloud.function.definition=integrationChanges"
        })
class WorkerProcessesIT extends StubbedLeadsServiceIT {

    private static final String GROUP = "import-workers-" + UUID.randomUUID();
    /** The group of the workers' sync-request consumer (application.yml). */
    private static final String SYNC_REQUESTS_GROUP = "import-worker";

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    @Autowired
    ReactiveMongoTemplate mongo;

    private final List<Process> workers = new ArrayList<>();

    @BeforeEach
    void slowLeadsService() {
        leads.delay = Duration.ofMillis(150);
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process worker : workers) {
            worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        leads.delay = Duration.ZERO;
    }

    @Test
    void twoWorkersInOneGroupShareTheJobsAndEachJobEndsWithExactTotals() throws IOException {
        startWorker("a");
        startWorker("b");
        awaitMembers(2);
        String token = ImportApi.token();
        Set<String> ownJobs = ConcurrentHashMap.newKeySet();
        Set<String> owners = ConcurrentHashMap.newKeySet();
        Disposable watching = Flux.interval(Duration.ofMillis(20))
                .onBackpressureDrop()
                .concatMap(tick -> mongo.find(query(where("lease").ne(null)), ImportJob.class))
                .filter(job -> ownJobs.contains(job.id().toHexString()))
                .subscribe(job -> owners.add(job.lease().owner()));
        try {
            // Requests are keyed by job id, so jobs spread over the partitions; the two workers own
            // half each. Both are seen running a job within a few jobs (all on one side: 2^-n).
            while (owners.size() < 2 && ownJobs.size() < 40) {
                String id = api.start(token, ImportApi.leadsCsv(200, new ObjectId().toHexString()));
                ownJobs.add(id);
                assertThat(api.awaitEnded(token, id))
                        .containsEntry("status", "completed")
                        .containsEntry("created", 200)
                        .containsEntry("processedRecords", 200);
            }
        } finally {
            watching.dispose();
        }

        assertThat(owners).hasSize(2);
    }

    @Test
    void aWorkerKilledMidImportAndStartedAgainEndsEachJobWithExactlyTheRightLeadsAndTotals() throws Exception {
        Process first = startWorker("first");
        awaitMembers(1);
        awaitSyncRequestsConsumer();
        String user = "user_" + UUID.randomUUID();
        String token = SharedInfrastructure.jwtIssuer().mint(user);
        int rows = 3_000;
        String csv = api.start(token, ImportApi.leadsCsv(rows, new ObjectId().toHexString()));
        // A full HubSpot import beside it, on another partition, so that the worker runs both at once.
        ObjectId integration = integrations.connect();
        String sync = requestSync(user, integration, jobIdOnAnotherPartitionThan(csv));
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> processed(token, csv) >= 500 && processed(token, sync) >= 500);

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long csvCheckpointed = processed(token, csv);
        long syncCheckpointed = processed(token, sync);
        String lastContact = mongo.findById(new ObjectId(sync), ImportJob.class)
                .map(job -> job.sync().lastId())
                .block(Duration.ofSeconds(10));
        leads.refsSent.removeIf(ref -> ref.startsWith(csv) || ref.startsWith(sync));
        // Slow only until the kill, so that it comes mid-job; the rest runs at HubSpot's rate.
        leads.delay = Duration.ZERO;
        startWorker("second");

        Map<String, Object> csvJob = api.awaitEnded(token, csv, Duration.ofSeconds(120));
        assertThat(csvJob)
                .containsEntry("status", "completed")
                .containsEntry("totalRecords", rows)
                .containsEntry("processedRecords", rows)
                .containsEntry("created", rows)
                .containsEntry("failedRecords", 0);
        assertThat(leads.leadByRef.keySet().stream().filter(ref -> ref.contains(csv)))
                .as("one lead per row")
                .hasSize(rows);
        // The restarted worker sent only what the checkpoint had not covered: rows 2.. are file rows.
        assertThat(leads.refsSent.stream().filter(ref -> ref.startsWith(csv)))
                .hasSize((int) (rows - csvCheckpointed))
                .allSatisfy(ref -> assertThat(Long.parseLong(ref.substring(ref.indexOf(':') + 1)))
                        .isGreaterThan(csvCheckpointed + 1));

        Map<String, Object> syncJob = api.awaitEnded(token, sync, Duration.ofMinutes(3));
        assertThat(syncJob)
                .containsEntry("status", "completed")
                .containsEntry("processedRecords", HUBSPOT_CONTACTS)
                .containsEntry("created", HUBSPOT_CONTACTS)
                .containsEntry("failedRecords", 0);
        assertThat(leads.leadByRef.keySet().stream().filter(ref -> ref.contains(sync)))
                .as("one lead per contact")
                .hasSize(HUBSPOT_CONTACTS);
        // ...and read on after the last contact its checkpoint held: none again, none skipped.
        assertThat(leads.refsSent.stream().filter(ref -> ref.startsWith(sync)))
                .hasSize((int) (HUBSPOT_CONTACTS - syncCheckpointed))
                .allSatisfy(ref -> assertThat(Long.parseLong(ref.substring(ref.indexOf(':') + 1)))
                        .isGreaterThan(Long.parseLong(lastContact)));
    }

    /** A new job id whose import request lands on another partition than {@code jobId}'s. */
    private static String jobIdOnAnotherPartitionThan(String jobId) throws Exception {
        int partitions;
        try (Admin admin = admin()) {
            partitions = partitionsOf(admin, Topics.IMPORT_REQUESTS);
        }
        String candidate;
        do {
            candidate = new ObjectId().toHexString();
        } while (partition(candidate, partitions) == partition(jobId, partitions));
        return candidate;
    }

    /** The partition Kafka's producer chooses for a record with this key. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private long processed(String token, String id) {
        return ((Number) api.job(token, id).get("processedRecords")).longValue();
    }

    private Process startWorker(String name) throws IOException {
        Path log = Path.of("target", "worker-process-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Path.of("target", "import-worker.jar").toString()));
        Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.springProperties());
        properties.put("server.port", 0);
        // Stops by itself should this JVM die before it stops the worker.
        properties.put("leadsuite.parent-pid", ProcessHandle.current().pid());
        properties.put("leadsuite.imports.leads-service-url", leads.url());
        properties.put("leadsuite.imports.consumer-group", GROUP);
        properties.put("leadsuite.imports.consumer-session-timeout", SESSION_TIMEOUT.toMillis() + "ms");
        properties.put("leadsuite.imports.lease", "3s");
        properties.put("leadsuite.imports.batch-size", 100);
        properties.put("leadsuite.imports.push-enabled", false);
        properties.put("spring.cloud.function.definition", "syncRequests;integrationChanges");
        properties.put("leadsuite.imports.hubspot.api-base-url", hubspot.baseUrl());
        properties.put("leadsuite.imports.integrations-service-url", integrations.url());
        properties.put("leadsuite.imports.hubspot.search-lag", "0s");
        properties.put("leadsuite.imports.access-token-margin", "2s");
        // The binder's consumers leave the group as soon as a killed worker's session would.
        properties.put(
                "spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms", SESSION_TIMEOUT.toMillis());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(log.getParent());
        Process worker = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        workers.add(worker);
        return worker;
    }

    /**
     * Waits until one live member of the sync-request consumers' group owns every partition of the topic
     * (that group also holds the integration-change consumers, and the killed workers of another test
     * until their session ends).
     */
    private static void awaitSyncRequestsConsumer() {
        try (Admin admin = admin()) {
            int partitions = partitionsOf(admin, Topics.SYNC_REQUESTS);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        List<Set<TopicPartition>> owners = admin
                                .describeConsumerGroups(List.of(SYNC_REQUESTS_GROUP))
                                .describedGroups()
                                .get(SYNC_REQUESTS_GROUP)
                                .get(10, TimeUnit.SECONDS)
                                .members()
                                .stream()
                                .map(member -> member.assignment().topicPartitions().stream()
                                        .filter(partition -> partition.topic().equals(Topics.SYNC_REQUESTS))
                                        .collect(Collectors.toSet()))
                                .filter(owned -> !owned.isEmpty())
                                .toList();
                        assertThat(owners).hasSize(1);
                        assertThat(owners.get(0)).hasSize(partitions);
                    });
        } catch (InterruptedException | ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Cannot describe " + Topics.SYNC_REQUESTS, ex);
        }
    }

    /** Waits until the group has {@code count} live members, each owning partitions. */
    private static void awaitMembers(int count) {
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                                .describedGroups()
                                .get(GROUP)
                                .get(10, TimeUnit.SECONDS);
                        assertThat(group.members())
                                .hasSize(count)
                                .allSatisfy(
                                        member -> assertThat(member.assignment().topicPartitions())
                                                .isNotEmpty());
                    });
        }
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()));
    }

    private static int partitionsOf(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
    }
}
