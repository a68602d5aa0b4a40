package io.leadsuite.imports;

import io.leadsuite.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void packagesAreAcyclicAndControllersAnswerWithApiTypes() {
        ArchitectureRules.check(ImportWorkerApplication.class);
    }
}
