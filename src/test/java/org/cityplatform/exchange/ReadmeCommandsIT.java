package org.cityplatform.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityplatform.exchange.support.GatewayProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's commands work as written: every {@code ```bash} block of README.md, then of the
 * feature pages it sends a reader on to, runs in one bash session, in order, against the packaged
 * gateway on a database created for this test, and the test fails at the first command that fails.
 * The documents promise that each command fails when its answer is not the one they describe
 * ({@code curl -f}, or a {@code grep} of the status and problem code); {@link #everyCurlChecksItsStatus}
 * holds them to it.
 *
 * <p>A block that must not run here (it starts a gateway, or is the test command) opens with the
 * visible line {@code # not run by ReadmeCommandsIT: <why>}. They are few, and counted.
 */
class ReadmeCommandsIT {

    static final String SKIP_MARKER = "# not run by ReadmeCommandsIT:";
    /** The README first, then the feature pages in the order its tour names them; they share its shell. */
    static final List<Path> DOCUMENTS = List.of(Path.of("README.md"), Path.of("docs/records.md"),
            Path.of("docs/access.md"), Path.of("docs/objections.md"), Path.of("docs/calendar.md"),
            Path.of("docs/open-data.md"), Path.of("docs/quotas.md"), Path.of("docs/supervision.md"),
            Path.of("docs/assessment.md"));
    static final int MAX_SKIPPED_BLOCKS = 2;

    private static final int PORT = 18142;
    private static final String DATABASE = "exchange_test_readme";
    private static final Pattern BASH_BLOCK = Pattern.compile("(?m)^```bash\\n(.*?)^```$", Pattern.DOTALL);

    /** One shell block of a document: where it starts, and its text. */
    record Block(Path document, int line, String text) {
        boolean skipped() {
            return text.startsWith(SKIP_MARKER);
        }

        String where() {
            return document + ":" + line;
        }
    }

    // A database of its own, new each run: the tour registers fixed agency codes, as a reader does.
    @BeforeAll
    static void freshDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            c.createStatement().execute("CREATE DATABASE " + DATABASE);
        }
    }

    @Test
    void everyCommandShownToAReaderRunsAndAnswersAsDescribed() throws Exception {
        List<Block> blocks = blocks();
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (Block block : blocks) {
            if (!block.skipped()) {
                script.append("echo '>>> ").append(block.where()).append("' >&2\n").append(block.text()).append('\n');
            }
        }
        Map<String, String> env = Map.of(
                "QUARKUS_PROFILE", "local",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + DATABASE,
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/6");
        try (GatewayProcess gateway = GatewayProcess.start(PORT, env, "-Xmx512m")) {
            gateway.awaitLive(Duration.ofSeconds(120));
            Path scriptFile = Files.createTempFile("readme-commands-", ".sh");
            Path output = Files.createTempFile("readme-commands-", ".log");
            try {
                Files.writeString(scriptFile, script);
                ProcessBuilder bash = new ProcessBuilder("bash", scriptFile.toString())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                bash.environment().put("GW", gateway.baseUrl());
                Process run = bash.start();
                boolean ended = run.waitFor(5, TimeUnit.MINUTES);
                if (!ended) {
                    run.destroyForcibly().waitFor();
                }
                String log = Files.readString(output, StandardCharsets.UTF_8);
                assertTrue(ended, "the documented commands did not finish within 5 minutes:\n" + tail(log));
                assertEquals(0, run.exitValue(), "a documented command failed in the block "
                        + lastBlock(log) + " (exit " + run.exitValue() + "):\n" + tail(log)
                        + "\n--- gateway log ---\n" + tail(gateway.output()));
            } finally {
                Files.deleteIfExists(scriptFile);
                Files.deleteIfExists(output);
            }
        }
    }

    @Test
    void everyCurlChecksItsStatus() throws IOException {
        List<String> unchecked = new ArrayList<>();
        for (Block block : blocks()) {
            if (block.skipped()) {
                continue;
            }
            String joined = block.text().replace("\\\n", " ");
            Matcher curl = Pattern.compile("(?m)\\bcurl\\b[^\\n]*").matcher(joined);
            while (curl.find()) {
                String command = curl.group();
                boolean fails = Pattern.compile("\\s(-[a-zA-Z]*f[a-zA-Z]*|--fail)\\b").matcher(command).find();
                boolean checksCode = command.contains("%{http_code}") && command.contains("| grep");
                if (!fails && !checksCode) {
                    unchecked.add(block.where() + ": " + command);
                }
            }
        }
        assertEquals(List.of(), unchecked, "every curl must fail on a wrong answer: -f, or -w '%{http_code}' checked by grep");
    }

    @Test
    void onlyAFewBlocksAreLeftOutAndEachSaysWhy() throws IOException {
        List<Block> skipped = blocks().stream().filter(Block::skipped).toList();
        assertTrue(skipped.size() <= MAX_SKIPPED_BLOCKS, "blocks left out of the test: " + skipped);
        for (Block block : skipped) {
            String reason = block.text().lines().findFirst().orElseThrow().substring(SKIP_MARKER.length()).trim();
            assertFalse(reason.isEmpty(), block.where() + " is left out without saying why");
        }
        assertTrue(blocks().stream().filter(b -> !b.skipped()).count() >= 8, "the tour's blocks were not found");
    }

    static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path document : DOCUMENTS) {
            String text = Files.readString(document, StandardCharsets.UTF_8);
            Matcher m = BASH_BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).lines().count() + 1;
                blocks.add(new Block(document, line, m.group(1)));
            }
        }
        return blocks;
    }

    private static String lastBlock(String log) {
        int at = log.lastIndexOf(">>> ");
        if (at < 0) {
            return "(none started)";
        }
        int end = log.indexOf('\n', at);
        return log.substring(at + 4, end < 0 ? log.length() : end);
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }
}
