package org.cityplatform.exchange.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A migration once released is never edited: Flyway validates the checksum of every applied
 * migration at start, so an edited one (even a comment) stops every instance on a database that
 * ran it. New migrations are added to src/test/resources/applied-migrations.sha256 with them.
 */
class AppliedMigrationsTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path RECORDED = Path.of("src/test/resources/applied-migrations.sha256");

    @Test
    void everyReleasedMigrationIsByteForByteAsReleased() throws IOException {
        Map<String, String> recorded = new TreeMap<>();
        for (String line : Files.readAllLines(RECORDED)) {
            if (!line.isBlank()) {
                String[] parts = line.strip().split("\\s+");
                recorded.put(parts[1], parts[0]);
            }
        }
        Map<String, String> present = present();
        recorded.forEach((file, sum) -> {
            assertTrue(present.containsKey(file), file + " was released and must not be removed");
            assertEquals(sum, present.get(file), file + " was released and must not be edited: add a new migration");
        });
        List<String> unrecorded = present.keySet().stream().filter(file -> !recorded.containsKey(file))
                .collect(Collectors.toList());
        assertEquals(List.of(), unrecorded, "record new migrations in " + RECORDED);
    }

    private static Map<String, String> present() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            Map<String, String> sums = new TreeMap<>();
            for (Path file : files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).toList()) {
                sums.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
            }
            return sums;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
