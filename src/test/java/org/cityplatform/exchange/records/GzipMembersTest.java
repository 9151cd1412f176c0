package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** RFC 1952 as zcat reads it: every member, each checked to its trailer, nothing after the last. */
class GzipMembersTest {

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Decodes the body fed in chunks of the given size, as it would arrive from the network. */
    private static byte[] decode(byte[] body, int chunk) throws GzipMembers.Malformed {
        GzipMembers gzip = new GzipMembers();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += chunk) {
            gzip.feed(body, at, Math.min(chunk, body.length - at), out::write);
        }
        gzip.end();
        gzip.close();
        return out.toByteArray();
    }

    @Test
    void everyMemberIsReadWhateverTheChunks() throws Exception {
        byte[] body = concat(gzip("first\n"), gzip(""), gzip("second\n".repeat(10_000)));
        byte[] expected = ("first\n" + "second\n".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 7, 10, 1024, body.length}) {
            assertArrayEquals(expected, decode(body, chunk), "chunks of " + chunk);
        }
    }

    @Test
    void optionalHeaderFieldsAreSkipped() throws Exception {
        byte[] deflated = deflate("named\n");
        CRC32 crc = new CRC32();
        crc.update("named\n".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        // FHCRC | FEXTRA | FNAME | FCOMMENT
        member.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        member.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        member.writeBytes("name.ndjson\0".getBytes(StandardCharsets.ISO_8859_1));
        member.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        member.writeBytes(new byte[] {0, 0});
        member.writeBytes(deflated);
        member.writeBytes(le32(crc.getValue()));
        member.writeBytes(le32(6));
        for (int chunk : new int[] {1, 3, 1000}) {
            assertArrayEquals("named\n".getBytes(StandardCharsets.UTF_8), decode(member.toByteArray(), chunk));
        }
    }

    @Test
    void aBodyCutAnywhereBeforeItsLastTrailerIsIncomplete() throws Exception {
        byte[] body = concat(gzip("one\n"), gzip("two\n"));
        for (int length = 0; length < body.length; length++) {
            if (length == gzip("one\n").length) {
                continue; // a whole first member is a complete body of its own
            }
            byte[] cut = Arrays.copyOf(body, length);
            assertThrows(GzipMembers.Malformed.class, () -> decode(cut, 5), "cut at " + length);
        }
    }

    @Test
    void bytesAfterTheLastMemberAreRefusedNotSkipped() throws Exception {
        for (byte[] tail : new byte[][] {"GARBAGE".getBytes(StandardCharsets.US_ASCII), new byte[8], {0x1f}}) {
            byte[] body = concat(gzip("x\n"), tail);
            assertThrows(GzipMembers.Malformed.class, () -> decode(body, 4));
        }
    }

    @Test
    void aWrongChecksumOrLengthIsCorrupt() throws Exception {
        byte[] crc = gzip("data\n");
        crc[crc.length - 8] ^= 1;
        GzipMembers.Malformed e = assertThrows(GzipMembers.Malformed.class, () -> decode(crc, 100));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
        byte[] size = gzip("data\n");
        size[size.length - 1] ^= 1;
        assertThrows(GzipMembers.Malformed.class, () -> decode(size, 100));
    }

    @Test
    void aBodyThatIsNotGzipIsSaidToBeSo() {
        GzipMembers.Malformed e = assertThrows(GzipMembers.Malformed.class,
                () -> decode("{\"key\":1}\n".getBytes(StandardCharsets.UTF_8), 100));
        assertTrue(e.getMessage().contains("not gzip"), e.getMessage());
    }

    private static byte[] deflate(String text) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buffer = new byte[1024];
        int n = deflater.deflate(buffer);
        deflater.end();
        return Arrays.copyOf(buffer, n);
    }

    private static byte[] le32(long value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }
}
