package io.leadsuite.imports.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a byte stream and fails on the first bytes that are not valid in its charset, but only after
 * handing out every character before them: the CSV parser then fails while it reads the very record
 * that holds the bad bytes, so the error names that row. ({@link java.io.InputStreamReader} with a
 * reporting decoder drops the characters of the same read and fails up to a buffer earlier.)
 */
final class StrictDecodingReader extends Reader {

    /** The input has bytes that are not valid in the charset. */
    static final class UndecodableInputException extends IOException {

        UndecodableInputException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean flushed;
    private @Nullable CoderResult failure;

    StrictDecodingReader(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (failure != null) {
            throw new UndecodableInputException(describe(failure));
        }
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (true) {
            if (flushed) {
                return produced(out, offset);
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                failure = result;
                if (out.position() > offset) {
                    return out.position() - offset;
                }
                throw new UndecodableInputException(describe(result));
            }
            if (result.isOverflow() || out.position() > offset && !endOfInput) {
                return out.position() - offset;
            }
            if (endOfInput) {
                if (decoder.flush(out).isOverflow()) {
                    return out.position() - offset;
                }
                flushed = true;
                continue;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private static int produced(CharBuffer out, int offset) {
        int count = out.position() - offset;
        return count == 0 ? -1 : count;
    }

    private String describe(CoderResult result) {
        StringBuilder hex = new StringBuilder();
        int count = Math.min(result.length(), bytes.remaining());
        for (int i = 0; i < count; i++) {
            hex.append(i == 0 ? "" : " ").append("%02X".formatted(bytes.get(bytes.position() + i) & 0xFF));
        }
        String what = count == 1 ? "the byte " + hex + " is" : "the bytes " + hex + " are";
        return what + (result.isMalformed() ? " not valid " : " not a character in ") + charset.name();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
