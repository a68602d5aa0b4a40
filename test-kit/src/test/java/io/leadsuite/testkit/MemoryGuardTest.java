package io.leadsuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.exception.MongoServerError;
import org.junit.jupiter.api.Test;

class MemoryGuardTest {

    @Test
    void refusesNewDocumentsButNotReadsUpdatesOrDeletesOnceTheHeapIsFullerThanItsShareAfterACollection() {
        MemoryGuard guard = new MemoryGuard(1e-9);
        // The guard reads the heap as the last collection left it.
        System.gc();

        assertThatThrownBy(() -> guard.check("insert")).isInstanceOfSatisfying(MongoServerError.class, refusal -> {
            assertThat(refusal.getCode()).isEqualTo(MemoryGuard.EXCEEDED_MEMORY_LIMIT);
            assertThat(refusal.getMessage()).contains("in-memory store is full").contains("without --in-memory");
        });
        assertThatThrownBy(() -> guard.check("createIndexes")).isInstanceOf(MongoServerError.class);
        assertThatCode(() -> guard.check("findAndModify")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("update")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("find")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("delete")).doesNotThrowAnyException();
    }

    @Test
    void acceptsWritesWhileTheHeapHasRoom() {
        MemoryGuard guard = new MemoryGuard(0.999);
        System.gc();

        assertThatCode(() -> guard.check("insert")).doesNotThrowAnyException();
    }
}
