package org.cityplatform.exchange.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalCodecTest {

    private static final String CHAIN = "gateway-7/0";

    private static JournaledEvent decode(byte[] record) {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        assertEquals(record.length - JournalCodec.HEADER_BYTES, buffer.getInt(0), "the header gives the payload's length");
        ByteBuffer payload = buffer.slice(JournalCodec.HEADER_BYTES, record.length - JournalCodec.HEADER_BYTES);
        assertTrue(JournalCodec.intact(payload, buffer.getInt(4)), "the header's CRC32C matches the payload");
        return JournalCodec.decode(payload);
    }

    private static JournaledEvent roundTrip(long seq, long sealId, AuditEvent event) {
        byte[] hash = AuditChain.link(AuditChain.genesis(CHAIN), CHAIN, seq, event);
        JournaledEvent decoded = decode(JournalCodec.encode(CHAIN, new JournaledEvent(seq, hash, sealId, event)));
        assertEquals(seq, decoded.seq());
        assertEquals(sealId, decoded.sealId());
        assertArrayEquals(hash, decoded.hash());
        return decoded;
    }

    private static AuditEvent readAt(Instant at) {
        return new AuditEvent(at, "agency-a", "clerk-1", AuditAction.READ, "residents", "subject", null, null, null,
                AuditOutcome.OK, null, null, null);
    }

    @Test
    void anEventWithEveryFieldSetRoundTripsExactly() {
        AuditEvent event = new AuditEvent(Instant.parse("2026-11-29T08:15:30.123456Z"), "市民政局", "张三",
                AuditAction.EXPORT, "低保家庭", "91350100M000100Y43", 4096L, "cursor-000017", "cursor-004113",
                AuditOutcome.DENIED, "GRANT_EXPIRED", "req-审计-1", "案件-2026-041");

        assertEquals(event, roundTrip(42, 9_000_000_001L, event).event());
    }

    @Test
    void aChangePagesKeysAndAnExportsSnapshotRoundTripExactly_Art31() {
        AuditEvent page = readAt(Instant.parse("2026-11-29T08:15:30Z"))
                .carrying(BulkRead.page(List.of("110101199003070019", "11010119900307003X")));
        AuditEvent export = readAt(Instant.parse("2026-11-29T08:15:31Z"))
                .about(new AuditTarget("dataset", "residents"))
                .carrying(BulkRead.exportOfChanges("900:905:901,903", 880, "110101199003070019"));

        assertEquals(page, roundTrip(3, 0, page).event());
        assertEquals(export, roundTrip(4, 0, export).event());
        assertEquals(List.of("110101199003070019", "11010119900307003X"), roundTrip(3, 0, page).event().bulk().keys());
    }

    @Test
    void whatABulkReadCarriedIsCoveredByItsHash_Art31() {
        AuditEvent carried = readAt(Instant.parse("2026-11-29T08:15:30Z")).carrying(BulkRead.page(List.of("K1", "K2")));
        AuditEvent fewer = readAt(Instant.parse("2026-11-29T08:15:30Z")).carrying(BulkRead.page(List.of("K1")));
        AuditEvent plain = readAt(Instant.parse("2026-11-29T08:15:30Z"));

        byte[] genesis = AuditChain.genesis(CHAIN);
        assertFalse(java.util.Arrays.equals(AuditChain.link(genesis, CHAIN, 1, carried),
                AuditChain.link(genesis, CHAIN, 1, fewer)), "a key taken out of a page changes its hash");
        assertFalse(java.util.Arrays.equals(AuditChain.link(genesis, CHAIN, 1, carried),
                AuditChain.link(genesis, CHAIN, 1, plain)));
        assertArrayEquals(AuditChain.canonical(CHAIN, 1, plain), AuditChain.canonical(CHAIN, 1, plain.carrying(null)),
                "events that carried nothing keep the bytes they were hashed with before V22");
    }

    @Test
    void absentFieldsStayAbsentAndEmptyTextStaysEmpty() {
        AuditEvent event = new AuditEvent(Instant.parse("2026-11-29T08:15:30Z"), "", null, AuditAction.READ, null, "",
                null, null, "", AuditOutcome.OK, null, null, null);

        AuditEvent decoded = roundTrip(1, 0, event).event();

        assertEquals(event, decoded);
        assertEquals("", decoded.agency());
        assertNull(decoded.sub());
        assertNull(decoded.count());
        assertEquals("", decoded.cursorTo());
    }

    @Test
    void theInstantKeepsItsMicrosecondsEvenBeforeTheEpoch() {
        Instant justBeforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
        Instant withNanos = Instant.parse("2026-11-29T08:15:30.123456789Z");

        assertEquals(justBeforeEpoch, roundTrip(1, 0, readAt(justBeforeEpoch)).event().at());
        assertEquals(Instant.parse("2026-11-29T08:15:30.123456Z"), roundTrip(2, 0, readAt(withNanos)).event().at(),
                "nanoseconds are dropped when the event is made, as PostgreSQL would drop them");
    }

    @Test
    void theStoredHashIsTheChainsLinkOfTheEventsCanonicalBytes() {
        var digest = AuditChain.sha256();
        byte[] head = AuditChain.genesis(CHAIN);
        List<byte[]> records = new ArrayList<>();
        for (long seq = 1; seq <= 3; seq++) {
            byte[] canonical = AuditChain.canonical(CHAIN, seq, SampleChain.event(seq, "linked"));
            head = AuditChain.link(digest, head, canonical);
            records.add(JournalCodec.encode(seq * 10, head, canonical));
        }

        byte[] previous = AuditChain.genesis(CHAIN);
        for (byte[] record : records) {
            JournaledEvent read = decode(record);
            // What the verifier recomputes from the decoded event alone.
            byte[] expected = AuditChain.link(previous, CHAIN, read.seq(), read.event());
            assertArrayEquals(expected, read.hash(), "hash of event " + read.seq());
            previous = read.hash();
        }
    }

    @Test
    void aDamagedPayloadFailsItsChecksum() {
        byte[] record = SampleChain.record(7, "t");
        record[record.length - 1] ^= 1;

        ByteBuffer buffer = ByteBuffer.wrap(record);
        ByteBuffer payload = buffer.slice(JournalCodec.HEADER_BYTES, record.length - JournalCodec.HEADER_BYTES);
        assertFalse(JournalCodec.intact(payload, buffer.getInt(4)));
    }
}
