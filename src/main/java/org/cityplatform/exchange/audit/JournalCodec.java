package org.cityplatform.exchange.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.CRC32C;

/**
 * The journal's record: {@code length, CRC32C, payload}, the payload being the seal id, the hash
 * and the event's canonical bytes (exactly what its hash covers, {@link AuditChain#canonical}). A
 * record that was torn by a crash fails its length or checksum and marks the end of what was
 * written.
 */
final class JournalCodec {

    static final int HEADER_BYTES = 8;
    static final int HASH_BYTES = 32;
    /** Far above any event (its text fields are bounded by AuditText): a larger length is damage. */
    static final int MAX_PAYLOAD = 1 << 20;

    private JournalCodec() {
    }

    static byte[] encode(String chain, JournaledEvent e) {
        return encode(e.sealId(), e.hash(), AuditChain.canonical(chain, e.seq(), e.event()));
    }

    /** The record of an event whose canonical bytes (what its hash covers) are at hand. */
    static byte[] encode(long sealId, byte[] hash, byte[] canonical) {
        int length = 8 + HASH_BYTES + canonical.length;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + length);
        out.putInt(length).putInt(0).putLong(sealId).put(hash).put(canonical);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), HEADER_BYTES, length);
        out.putInt(4, (int) crc.getValue());
        return out.array();
    }

    /** The payload's checksum as written in a header. */
    static boolean intact(ByteBuffer payload, int expectedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue() == expectedCrc;
    }

    static JournaledEvent decode(ByteBuffer payload) {
        long sealId = payload.getLong();
        byte[] hash = new byte[HASH_BYTES];
        payload.get(hash);
        // 15 fields, 17 when the event has a target, 19 when it is a bulk read (AuditChain.canonical).
        String[] f = new String[19];
        for (int i = 0; i < f.length && (i < 15 || payload.hasRemaining()); i++) {
            int size = payload.getInt();
            if (size >= 0) {
                byte[] bytes = new byte[size];
                payload.get(bytes);
                f[i] = new String(bytes, StandardCharsets.UTF_8);
            }
        }
        // chain, seq, micros, agency, sub, action, dataset, subject, count, from, to, outcome, code, request, case
        Instant at = Instant.EPOCH.plus(Long.parseLong(f[2]), ChronoUnit.MICROS);
        AuditEvent event = new AuditEvent(at, f[3], f[4], AuditAction.valueOf(f[5]), f[6], f[7],
                f[8] == null ? null : Long.valueOf(f[8]), f[9], f[10], AuditOutcome.valueOf(f[11]), f[12], f[13], f[14],
                AuditTarget.of(f[15], f[16]), BulkRead.of(f[17], f[18]));
        return new JournaledEvent(Long.parseLong(f[1]), hash, sealId, event);
    }
}
