package io.leadsuite.testkit;

import org.testcontainers.kafka.KafkaContainer;

/**
 * Starts the test broker. Apart from {@link SharedInfrastructure} so that the kit loads in modules that
 * test without Kafka (the gateway), whose classpath has neither the broker nor its container.
 */
final class KafkaInfrastructure {

    private KafkaInfrastructure() {}

    static String container(String image) {
        KafkaContainer container = new KafkaContainer(image);
        container.start();
        SharedInfrastructure.onExit(container::stop);
        return container.getBootstrapServers();
    }

    static String embedded() {
        KafkaKraftBroker broker = KafkaKraftBroker.startTemporary();
        SharedInfrastructure.onExit(broker::close);
        return broker.bootstrapServers();
    }
}
