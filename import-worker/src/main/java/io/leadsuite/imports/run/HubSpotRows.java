package io.leadsuite.imports.run;

import io.leadsuite.imports.crm.ConnectionRefused;
import io.leadsuite.imports.hubspot.Contact;
import io.leadsuite.imports.hubspot.ContactMapping;
import io.leadsuite.imports.hubspot.ContactPage;
import io.leadsuite.imports.hubspot.HubSpotClient;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.ImportJobs.RecordPosition;
import io.leadsuite.imports.job.SyncPosition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A HubSpot import's contacts, page by page, in ascending id order, after the job's checkpoint.
 *
 * <p>A full import reads the contacts list ({@value HubSpotClient#LIST_PAGE} a page); its checkpoint is
 * the last contact written and the list cursor of its page, which a resumed job reads again, skipping
 * the contacts up to that one. An incremental import searches for the contacts modified since the
 * previous sync ({@value HubSpotClient#SEARCH_PAGE} a page, by id); HubSpot answers no search past
 * {@value HubSpotClient#SEARCH_CAP} results, so before a query would page past them, the next query
 * starts after the last id read. Its checkpoint is that id alone. Pages are fetched one at a time, when
 * the rows before them are taken: blocking, so call it off the event loop.
 */
final class HubSpotRows implements RowReader {

    private final HubSpotClient hubspot;
    private final ImportJob job;
    private final SyncPosition sync;
    private final ContactMapping mapping;
    private final Deque<ParsedRow> rows = new ArrayDeque<>();
    private final long rowsBefore;
    private long row;
    private long total;
    private boolean exhausted;
    private boolean firstQuery = true;

    /** The list cursor of the next page (full), or the offset in the current query (incremental). */
    private @Nullable String next;

    /** Incremental: the id the current query starts after. */
    private @Nullable String afterId;

    HubSpotRows(HubSpotClient hubspot, ImportJob job) {
        this.hubspot = hubspot;
        this.job = job;
        this.sync = Objects.requireNonNull(job.sync());
        this.mapping = ContactMapping.of(job.fieldMapping(), job.header());
        this.row = job.counts().lastRow();
        this.rowsBefore = job.counts().processed();
        this.next = sync.full() ? sync.pageAfter() : null;
        this.afterId = sync.full() ? null : sync.lastId();
        if (sync.full()) {
            total = fetch(hubspot.search(job.integrationConfigId(), null, null, null, 1, List.of("hs_object_id")))
                    .total();
        }
    }

    @Override
    public boolean hasNext() {
        while (rows.isEmpty() && !exhausted) {
            readPage();
        }
        return !rows.isEmpty();
    }

    @Override
    public ParsedRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return rows.removeFirst();
    }

    private void readPage() {
        if (sync.full()) {
            String cursor = next;
            ContactPage page = fetch(hubspot.list(job.integrationConfigId(), cursor, mapping.properties()));
            add(page.contacts(), cursor, sync.lastId());
            next = page.next();
            exhausted = next == null;
            return;
        }
        ContactPage page = fetch(hubspot.search(
                job.integrationConfigId(),
                sync.since(),
                afterId,
                next,
                HubSpotClient.SEARCH_PAGE,
                mapping.properties()));
        if (firstQuery) {
            total = rowsBefore + page.total();
            firstQuery = false;
        }
        add(page.contacts(), null, null);
        if (page.next() == null || page.contacts().isEmpty()) {
            exhausted = true;
        } else if (Long.parseLong(page.next()) >= HubSpotClient.SEARCH_CAP) {
            afterId = page.contacts().get(page.contacts().size() - 1).id();
            next = null;
        } else {
            next = page.next();
        }
    }

    /** The page's contacts as rows, leaving out those up to {@code skipUpTo} (written before a restart). */
    private void add(List<Contact> contacts, @Nullable String pageCursor, @Nullable String skipUpTo) {
        for (Contact contact : contacts) {
            if (skipUpTo != null && Long.parseLong(contact.id()) <= Long.parseLong(skipUpTo)) {
                continue;
            }
            row++;
            rows.addLast(new ParsedRow(
                    row,
                    mapping.cells(contact),
                    mapping.lead(contact),
                    List.of(),
                    new RecordPosition(contact.id(), pageCursor)));
        }
    }

    private static ContactPage fetch(Mono<ContactPage> page) {
        try {
            return Objects.requireNonNull(page.block());
        } catch (ConnectionRefused refused) {
            throw new JobRefused(refused.reason(), refused.getMessage());
        }
    }

    @Override
    public double progress() {
        long read = row - 1;
        return total <= 0 ? 0 : Math.min(0.99, (double) read / total);
    }

    @Override
    public long total() {
        return total;
    }

    @Override
    public void close() {
        rows.clear();
    }
}
