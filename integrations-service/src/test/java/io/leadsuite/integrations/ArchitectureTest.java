package io.leadsuite.integrations;

import io.leadsuite.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void packagesAreAcyclicAndControllersAnswerWithApiTypes() {
        ArchitectureRules.check(IntegrationsServiceApplication.class);
    }
}
