package org.cityplatform.exchange.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages under docs/ are read by newcomers who take their names at their word: every class,
 * member and test a page names must exist, and every link must lead to a file of the repository.
 * A clone is all a reader has, so nothing may point outside it.
 *
 * <p>A name is written {@code `package/Class`} or {@code `package/Class.member`}, the package
 * relative to org.cityplatform.exchange, in main or test sources; a member is found as a word of
 * the class's source (a method, a field, a nested type).
 */
class DocumentReferencesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DOCS = ROOT.resolve("docs");
    private static final String PACKAGE = "org/cityplatform/exchange/";
    private static final Pattern NAME = Pattern.compile("`([a-z]+)/([A-Z][a-z][A-Za-z0-9]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyClassMemberAndTestThePagesNameExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = NAME.matcher(Files.readString(page));
            while (m.find()) {
                String relative = PACKAGE + m.group(1) + "/" + m.group(2) + ".java";
                Path source = Stream.of("src/main/java/", "src/test/java/").map(dir -> ROOT.resolve(dir + relative))
                        .filter(Files::exists).findFirst().orElse(null);
                if (source == null) {
                    missing.add(ROOT.relativize(page) + ": " + m.group() + " (no such class)");
                } else if (m.group(3) != null
                        && !Pattern.compile("\\b" + m.group(3) + "\\b").matcher(Files.readString(source)).find()) {
                    missing.add(ROOT.relativize(page) + ": " + m.group() + " (no such member)");
                }
            }
        }
        assertTrue(missing.isEmpty(), "names in docs/ that the sources lack:\n  " + String.join("\n  ", missing));
    }

    @Test
    void everyLinkLeadsToAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("#") || target.startsWith("http://") || target.startsWith("https://")
                        || target.startsWith("mailto:")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = page.getParent().resolve(file).normalize();
                if (file.startsWith("/") || !resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target);
                }
            }
        }
        assertTrue(broken.isEmpty(), "links in docs/ that lead nowhere in the repository:\n  " + String.join("\n  ", broken));
    }

    @Test
    void noPageNamesTheDesignFolderOutsideTheRepository() throws IOException {
        for (Path page : pages()) {
            String text = Files.readString(page);
            for (String outside : List.of("../shared", "shared/design", "API.md", "POLICY.md", "ARCHITECTURE.md")) {
                assertFalse(text.contains(outside), ROOT.relativize(page) + " points outside the repository: " + outside);
            }
        }
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(DOCS)) {
            List<Path> pages = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
            assertFalse(pages.isEmpty(), "no pages under " + DOCS);
            return pages;
        }
    }
}
