package io.leadsuite.imports.job;

/**
 * What a job has done so far. Every processed row is exactly one of created, updated, skipped or
 * failed, so {@code processed = created + updated + skipped + failed}.
 *
 * @param lastRow the spreadsheet row number of the last processed row: the checkpoint a resumed job
 *     continues after (1, the header, before the first row)
 */
public record Counts(long processed, long created, long updated, long skipped, long failed, long lastRow) {

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 1);

    public long successful() {
        return created + updated;
    }

    public Counts plus(Counts batch) {
        return new Counts(
                processed + batch.processed,
                created + batch.created,
                updated + batch.updated,
                skipped + batch.skipped,
                failed + batch.failed,
                Math.max(lastRow, batch.lastRow));
    }
}
