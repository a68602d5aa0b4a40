package io.leadsuite.imports.run;

import io.leadsuite.imports.csv.CsvFileException;
import io.leadsuite.imports.csv.CsvHead;
import io.leadsuite.imports.csv.CsvPreview;
import io.leadsuite.imports.csv.CsvRows;
import io.leadsuite.imports.csv.LeadRow;
import io.leadsuite.imports.csv.LeadRowConverter;
import io.leadsuite.imports.file.ImportFiles;
import io.leadsuite.imports.hubspot.HubSpotClient;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.RowError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Opens a job's source as mapped rows: a CRM import's records ({@link HubSpotRows}), or a CSV job's
 * stored file. The format, the mapping and the custom fields' types are
 * rebuilt from the file's head and the job's mapping, which always give the same result, so a resumed
 * job reads the file exactly as the upload did.
 */
final class RowReaders {

    private final ImportFiles files;
    private final HubSpotClient hubspot;

    RowReaders(ImportFiles files, HubSpotClient hubspot) {
        this.files = files;
        this.hubspot = hubspot;
    }

    /** A CSV job's file, or a CRM import's records. Blocks: call it off the event loop. */
    RowReader open(ImportJob job) {
        if (job.sync() != null) {
            return new HubSpotRows(hubspot, job);
        }
        return openFile(job);
    }

    private RowReader openFile(ImportJob job) {
        long size = job.fileSize() == null ? 0 : job.fileSize();
        CsvPreview preview;
        try {
            byte[] head = files.head(job.fileId(), ImportFiles.HEAD_SIZE).block(Duration.ofMinutes(1));
            preview = CsvPreview.of(new CsvHead(head, size <= head.length), job.fieldMapping());
        } catch (CsvFileException unreadable) {
            throw new UnreadableFile(unreadable.getMessage());
        }
        if (!preview.errors().isEmpty()) {
            throw new UnreadableFile(preview.errors().get(0).field() + " "
                    + preview.errors().get(0).message());
        }
        LeadRowConverter converter = preview.converter();
        CountingStream bytes = new CountingStream(files.open(job.fileId()));
        CsvRows rows;
        try {
            rows = CsvRows.open(bytes, preview.format());
        } catch (CsvFileException unreadable) {
            throw new UnreadableFile(unreadable.getMessage());
        }
        return new RowReader() {
            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNext();
                } catch (CsvFileException unreadable) {
                    throw new UnreadableFile(unreadable.getMessage());
                }
            }

            @Override
            public ParsedRow next() {
                LeadRow row;
                try {
                    row = converter.convert(rows.next());
                } catch (CsvFileException unreadable) {
                    throw new UnreadableFile(unreadable.getMessage());
                }
                return new ParsedRow(
                        row.row(),
                        row.cells(),
                        row.lead(),
                        row.errors().stream()
                                .map(error -> new RowError(
                                        error.row(), error.field() == null ? "row" : error.field(), error.message()))
                                .toList(),
                        null);
            }

            @Override
            public double progress() {
                return size == 0 ? 1 : Math.min(1, (double) bytes.count / size);
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /** Counts the bytes read, for the fraction of the file done. */
    private static final class CountingStream extends FilterInputStream {

        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
