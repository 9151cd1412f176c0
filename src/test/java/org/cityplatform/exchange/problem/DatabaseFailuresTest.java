package org.cityplatform.exchange.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** docs/problems.md: a database out of reach is 503 UNAVAILABLE, whichever way the driver says so. */
class DatabaseFailuresTest {

    @Test
    void aConnectionTheDatabaseResetIsUnavailableNotOurFault() {
        assertEquals(ProblemCode.UNAVAILABLE, DatabaseFailures.classify(new IOException("Connection reset by peer")).code());
        assertEquals(ProblemCode.UNAVAILABLE, DatabaseFailures.classify(new ConnectException("Connection refused")).code());
    }

    @Test
    void aFileThatIsMissingIsNoDatabaseFailure() {
        assertNull(DatabaseFailures.classify(new NoSuchFileException("/var/lib/exchange/audit-journal")));
    }
}
