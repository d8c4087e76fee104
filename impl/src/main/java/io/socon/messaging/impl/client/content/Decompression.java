package io.socon.messaging.impl.client.content;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.impl.wire.mls.messagecontents.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Undoes {@code EncodedContent.compression}. XMTP's JavaScript client compressed large content with the
 * {@code CompressionStream} formats: {@code deflate} is the zlib format (RFC 1950) and {@code gzip} is RFC 1952.
 * libxmtp never compresses, so this is only needed when reading.
 *
 * <p>Output is cut off at a limit, so a small compressed payload cannot expand into gigabytes.
 */
final class Decompression {

    private Decompression() {
    }

    static byte[] decompress(byte[] input, Compression compression, int maxBytes, ContentType type) {
        return switch (compression) {
            case COMPRESSION_DEFLATE -> inflate(input, maxBytes, type);
            case COMPRESSION_GZIP -> gunzip(input, maxBytes, type);
            case UNRECOGNIZED -> throw ContentCodecException.malformed(type,
                    "the content uses a compression this library does not know");
        };
    }

    private static byte[] inflate(byte[] input, int maxBytes, ContentType type) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(64, input.length * 4)));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0) {
                    if (inflater.needsDictionary()) {
                        throw ContentCodecException.malformed(type, "the deflate content needs a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        throw ContentCodecException.malformed(type, "the deflate content is truncated");
                    }
                }
                if (out.size() + n > maxBytes) {
                    throw tooLarge(type, maxBytes);
                }
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() > 0) {
                throw ContentCodecException.malformed(type,
                        "the deflate content has " + inflater.getRemaining() + " bytes after its end");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw ContentCodecException.malformed(type, "the content is not valid zlib deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] gunzip(byte[] input, int maxBytes, ContentType type) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(input), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(64, input.length * 4)));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > maxBytes) {
                    throw tooLarge(type, maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException e) {
            throw ContentCodecException.malformed(type, "the content is not valid gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw ContentCodecException.malformed(type, "the gzip content is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private static ContentCodecException tooLarge(ContentType type, int maxBytes) {
        return new ContentCodecException(ErrorCode.CONTENT_TOO_LARGE, type,
                "the content decompresses to more than " + maxBytes + " bytes, the limit; it was not decoded", null);
    }
}
