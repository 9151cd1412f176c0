package org.cityplatform.exchange.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The hash chain of one instance's events: hash(n) = SHA-256(hash(n-1) || canonical bytes of event
 * n), starting from SHA-256 of the chain's name. The canonical bytes give every field with its
 * length (null distinct from empty), so no two different events share them.
 */
public final class AuditChain {

    private AuditChain() {
    }

    public static byte[] genesis(String chain) {
        return sha256().digest(("exchange-audit-chain:" + chain).getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] link(byte[] previous, String chain, long seq, AuditEvent event) {
        return link(sha256(), previous, chain, seq, event);
    }

    /** The same with a digest the caller owns and reuses (one per thread). */
    static byte[] link(MessageDigest digest, byte[] previous, String chain, long seq, AuditEvent event) {
        digest.reset();
        digest.update(previous);
        digest.update(canonical(chain, seq, event));
        return digest.digest();
    }

    /** The link of an event whose canonical bytes are at hand (the journal stores the same bytes). */
    static byte[] link(MessageDigest digest, byte[] previous, byte[] canonical) {
        digest.reset();
        digest.update(previous);
        digest.update(canonical);
        return digest.digest();
    }

    static byte[] canonical(String chain, long seq, AuditEvent e) {
        // A target, then what a bulk read carried, come last and only when there is one: events
        // hashed before either existed keep exactly their bytes, and a longer event never shares
        // its bytes with a shorter one (every field carries its length).
        Object[] base = {chain, seq, micros(e.at()), e.agency(), e.sub(), e.action().name(), e.dataset(),
                e.subject(), e.count(), e.cursorFrom(), e.cursorTo(), e.outcome().name(), e.code(),
                e.requestId(), e.caseId()};
        Object[] fields = base;
        if (e.target() != null || e.bulk() != null) {
            fields = java.util.Arrays.copyOf(base, e.bulk() == null ? 17 : 19);
            fields[15] = e.target() == null ? null : e.target().type();
            fields[16] = e.target() == null ? null : e.target().id();
            if (e.bulk() != null) {
                fields[17] = e.bulk().joinedKeys();
                fields[18] = e.bulk().snapshot();
            }
        }
        byte[][] encoded = new byte[fields.length][];
        int size = 0;
        for (int i = 0; i < fields.length; i++) {
            encoded[i] = fields[i] == null ? null : fields[i].toString().getBytes(StandardCharsets.UTF_8);
            size += 4 + (encoded[i] == null ? 0 : encoded[i].length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] field : encoded) {
            out.putInt(field == null ? -1 : field.length);
            if (field != null) {
                out.put(field);
            }
        }
        return out.array();
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
