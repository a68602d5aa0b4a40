package io.leadsuite.imports.run;

import java.io.Closeable;
import java.util.Iterator;

/** A job's file, read row by row with the job's mapping; {@link #next} throws {@link UnreadableFile}. */
interface RowReader extends Iterator<ParsedRow>, Closeable {

    /** The fraction of the file read so far, 0 to 1. */
    double progress();

    @Override
    void close();
}
