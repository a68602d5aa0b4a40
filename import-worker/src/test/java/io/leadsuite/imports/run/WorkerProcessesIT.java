package io.leadsuite.imports.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.imports.ImportApi;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.testkit.SharedInfrastructure;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
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
    void aWorkerKilledMidImportAndStartedAgainEndsTheJobWithExactlyTheRightLeadsAndTotals()
            throws IOException, InterruptedException {
        Process first = startWorker("first");
        awaitMembers(1);
        String token = ImportApi.token();
        int rows = 3_000;
        String id = api.start(token, ImportApi.leadsCsv(rows, new ObjectId().toHexString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(token, id), processed -> processed >= 500);

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long checkpointed = processed(token, id);
        leads.refsSent.removeIf(ref -> ref.startsWith(id));
        startWorker("second");

        Map<String, Object> job = api.awaitEnded(token, id, Duration.ofSeconds(120));
        assertThat(job)
                .containsEntry("status", "completed")
                .containsEntry("totalRecords", rows)
                .containsEntry("processedRecords", rows)
                .containsEntry("created", rows)
                .containsEntry("failedRecords", 0);
        assertThat(leads.leadByRef.keySet().stream().filter(ref -> ref.contains(id)))
                .as("one lead per row")
                .hasSize(rows);
        // The restarted worker sent only what the checkpoint had not covered: rows 2.. are file rows.
        assertThat(leads.refsSent.stream().filter(ref -> ref.startsWith(id)))
                .hasSize((int) (rows - checkpointed))
                .allSatisfy(ref -> assertThat(Long.parseLong(ref.substring(ref.indexOf(':') + 1)))
                        .isGreaterThan(checkpointed + 1));
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
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(log.getParent());
        Process worker = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        workers.add(worker);
        return worker;
    }

    /** Waits until the group has {@code count} live members, each owning partitions. */
    private static void awaitMembers(int count) {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()))) {
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
}
