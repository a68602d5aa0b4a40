package io.leadsuite.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.lead.Actor;
import io.leadsuite.common.lead.LeadInput;
import io.leadsuite.common.lead.LeadSources;
import io.leadsuite.common.lead.LeadWriter;
import io.leadsuite.common.lead.LeadWriter.BatchItem;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.leads.LeadsServiceIT;
import java.util.List;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The batch write path that imports use, called as import-worker will call it. */
class BatchWriteIT extends LeadsServiceIT {

    @Autowired
    LeadWriter writer;

    @Test
    void storesWhatIsValidAndSaysWhyEachOtherItemWasNot() {
        String userId = newUser();
        Tenant tenant = new Tenant(userId, null, null);
        String suffix = UUID.randomUUID() + "@example.com";
        String existing = (String)
                create(token(userId), lead("Existing", "existing." + suffix)).get("id");

        List<BatchItem> items = writer.createAll(
                        Actor.importJob("job-1"),
                        tenant,
                        List.of(
                                input("Valid", "valid." + suffix, null),
                                input("BadEmail", "not-an-email", null),
                                input("Duplicate", "EXISTING." + suffix, null),
                                input("Twin", "twin." + suffix, null),
                                input("Twin again", "twin." + suffix, null),
                                input("Listless", "listless." + suffix, new ObjectId().toHexString())),
                        LeadSources.CSV)
                .block();

        assertThat(items).extracting(BatchItem::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(items.get(0).stored()).isTrue();
        assertThat(items.get(0).lead().source()).isEqualTo("csv");
        assertThat(items.get(1).violations())
                .extracting(violation -> violation.field())
                .containsExactly("email");
        assertThat(items.get(2).existingLeadId()).isEqualTo(existing);
        assertThat(items.get(2).conflictField()).isEqualTo("email");
        assertThat(items.get(3).stored()).isTrue();
        assertThat(items.get(4).stored()).isFalse();
        assertThat(items.get(4).existingLeadId())
                .isEqualTo(items.get(3).lead().id().toHexString());
        assertThat(items.get(5).violations())
                .extracting(violation -> violation.field())
                .containsExactly("listId");
        get(token(userId), "/api/leads?includeTotal=true")
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3);
    }

    private static LeadInput input(String firstName, String email, String listId) {
        return new LeadInput(firstName, "Batch", email, "+1 415 555 2671", null, null, null, null, null, null, listId);
    }
}
