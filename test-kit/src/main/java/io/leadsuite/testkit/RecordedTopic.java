package io.leadsuite.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one topic of the shared test broker carries while a test class runs, recorded from its start:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RecordedTopic recorder = RecordedTopic.of(Topics.LEAD_CHANGES);
 * }</pre>
 */
public final class RecordedTopic implements BeforeAllCallback, AfterAllCallback {

    private final String topic;
    private volatile EventRecorder recorder;

    private RecordedTopic(String topic) {
        this.topic = topic;
    }

    public static RecordedTopic of(String topic) {
        return new RecordedTopic(topic);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        recorder = EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), topic);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        recorder.close();
    }

    /** What was read so far, in the order the topic's partitions delivered it. */
    public List<EventRecorder.Event> events() {
        return recorder.events();
    }

    public List<EventRecorder.Event> withKey(String key) {
        return recorder.withKey(key);
    }
}
