package io.leadsuite.imports.run;

import java.io.Closeable;
import java.util.Iterator;

/**
 * A job's source, read row by row with the job's mapping: its file, or its CRM's records. {@link #next}
 * throws {@link UnreadableFile} for a file that cannot be read on, {@link JobRefused} for a source
 * that refuses the job.
 */
interface RowReader extends Iterator<ParsedRow>, Closeable {

    /** The fraction of the source read so far, 0 to 1. */
    double progress();

    /** The rows the job will have in all, when the source says so; {@code 0} otherwise. */
    default long total() {
        return 0;
    }

    @Override
    void close();
}
