package io.leadsuite.leads.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class LeadEventsTest {

    @Test
    void aBatchCreationIdIsTheSameForTheSameLeadAndAVersion8Uuid() {
        ObjectId lead = new ObjectId();

        String id = LeadEvents.createdInBatchId(lead);

        assertThat(LeadEvents.createdInBatchId(new ObjectId(lead.toHexString())))
                .isEqualTo(id);
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(8);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void batchCreationIdsAreDistinctAndSortLikeTheirLeadIds() {
        List<ObjectId> leads = new ArrayList<>();
        for (String hex : List.of(
                "000000000000000000000000",
                "00000000000000000000000f",
                "0000000000000000000000f0",
                "000000000000000f00000000",
                "00000000000000f000000000",
                "0000000000000f0000000000",
                "000000000000f00000000000",
                "00000000000f000000000000",
                "0000000000f0000000000000",
                "ffffffffffffffffffffffff")) {
            leads.add(new ObjectId(hex));
        }
        for (int i = 0; i < 1000; i++) {
            leads.add(new ObjectId());
        }
        List<ObjectId> byLeadId = leads.stream().sorted().toList();

        List<String> ids = byLeadId.stream().map(LeadEvents::createdInBatchId).toList();

        assertThat(new HashSet<>(ids)).hasSize(leads.size());
        assertThat(ids).isSorted();
    }
}
