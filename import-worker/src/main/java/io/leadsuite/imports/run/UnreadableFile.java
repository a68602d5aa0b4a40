package io.leadsuite.imports.run;

/** The file cannot be read on (binary, broken encoding, a cell or a header past the limits): the job fails. */
final class UnreadableFile extends RuntimeException {

    UnreadableFile(String message) {
        super(message, null, false, false);
    }
}
