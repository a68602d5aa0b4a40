package io.leadsuite.lists;

import io.leadsuite.testkit.PlatformConformanceIT;
import io.leadsuite.testkit.WithInfrastructure;
import org.springframework.test.context.TestPropertySource;

/**
 * lists-service also needs Kafka (its lead-event consumer and list-event relay); in a consumer group of
 * its own, so it never shares partitions with the other test contexts.
 */
@WithInfrastructure
@TestPropertySource(properties = "spring.cloud.stream.bindings.leadChanges-in-0.group=lists-service-conformance")
class ListsServicePlatformIT extends PlatformConformanceIT {}
