package io.leadsuite.imports.run;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.leadsuite.imports.file.ImportFiles;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.RowError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens a job's stored file as rows mapped with the job's mapping. */
final class RowReaders {

    private final ImportFiles files;

    RowReaders(ImportFiles files) {
        this.files = files;
    }

    RowReader open(ImportJob job) {
        CountingStream bytes = new CountingStream(files.open(job.fileId()));
        ImportJob.FileFormat format = job.format();
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .fieldSeparator(format.delimiter())
                .detectBomHeader(true)
                .allowMissingFields(true)
                .allowExtraFields(true)
                .ofCsvRecord(bytes, Charset.forName(format.encoding()));
        Iterator<CsvRecord> records = csv.iterator();
        if (records.hasNext()) {
            records.next();
        }
        long size = job.fileSize() == null ? 0 : job.fileSize();
        List<String> header = job.header();
        return new RowReader() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public ParsedRow next() {
                CsvRecord record = records.next();
                List<String> cells = record.getFields();
                long row = record.getStartingLineNumber();
                if (cells.size() != header.size()) {
                    return new ParsedRow(
                            row,
                            cells,
                            Map.of(),
                            List.of(new RowError(
                                    row,
                                    "row",
                                    "has " + cells.size() + " cells where the header has " + header.size())));
                }
                Map<String, Object> lead = new LinkedHashMap<>();
                Map<String, Object> custom = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    String target = job.fieldMapping().get(header.get(i));
                    String value = cells.get(i).trim();
                    if (target == null || target.equals("ignore") || value.isEmpty()) {
                        continue;
                    }
                    if (target.startsWith("customFields.")) {
                        custom.put(target.substring("customFields.".length()), value);
                    } else {
                        lead.put(target, value);
                    }
                }
                if (!custom.isEmpty()) {
                    lead.put("customFields", custom);
                }
                return new ParsedRow(row, cells, lead, List.of());
            }

            @Override
            public double progress() {
                return size == 0 ? 1 : Math.min(1, (double) bytes.count / size);
            }

            @Override
            public void close() {
                try {
                    csv.close();
                } catch (IOException ignored) {
                    // Reading is over; the stream holds nothing to flush.
                }
            }
        };
    }

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
