package io.leadsuite.imports.upload;

import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.imports.csv.ColumnMapping;
import io.leadsuite.imports.csv.CsvFileException;
import io.leadsuite.imports.csv.CsvHead;
import io.leadsuite.imports.csv.CsvPreview;
import io.leadsuite.imports.file.ImportFiles;
import io.leadsuite.imports.job.ImportJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads the head of an uploaded file into what a job keeps of it: the format, the header, and the
 * mapping of every column (the suggestion with the caller's {@code fieldMapping} applied), or the
 * violations that refuse the upload.
 */
@Component
class FileInspector {

    /** @param violations what is wrong with the file or the mapping, named by field; empty when it can be imported */
    record Inspection(
            ImportJob.FileFormat format,
            List<String> header,
            Map<String, String> mapping,
            List<FieldViolation> violations) {}

    /**
     * @param head the file's first {@link ImportFiles#HEAD_SIZE} bytes
     * @param size the file's length, to tell whether the head is all of it
     */
    Inspection inspect(byte[] head, long size, Map<String, String> overrides) {
        CsvPreview preview;
        try {
            preview = preview(head, size, overrides);
        } catch (CsvFileException unreadable) {
            return new Inspection(
                    new ImportJob.FileFormat("UTF-8", ','),
                    List.of(),
                    Map.of(),
                    List.of(new FieldViolation("file", unreadable.getMessage())));
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (ColumnMapping column : preview.columns()) {
            mapping.put(column.column(), column.target().toString());
        }
        return new Inspection(
                new ImportJob.FileFormat(
                        preview.format().encoding().label(), preview.format().delimiter()),
                preview.header(),
                mapping,
                preview.errors());
    }

    /** The preview of a file's head; {@link CsvFileException} when it cannot be imported at all. */
    static CsvPreview preview(byte[] head, long size, Map<String, String> overrides) {
        return CsvPreview.of(new CsvHead(head, size <= head.length), overrides);
    }
}
