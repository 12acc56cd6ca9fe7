package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown table generated from a fixture list, written to {@code target/} and compared with the copy committed
 * in {@code docs/checks.md}, so the documentation cannot drift from the fixtures.
 *
 * <p>The committed copy sits between {@code <!-- begin NAME -->} and {@code <!-- end NAME -->}.
 */
final class FixtureTable {

    private static final Path DESIGN = Cohorts.KIT.resolve("docs/checks.md");

    private FixtureTable() {
    }

    /** Turn a fixture's name into a student folder name: {@code 512-byte buffer} becomes {@code 512-byte-buffer}. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        assertTrue(!slug.isEmpty(), "a fixture needs a name with letters or digits: " + name);
        return slug;
    }

    /** Build a table with {@code header} cells and {@code rows}; a cell's pipes and newlines are escaped. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        text.append(row(header));
        text.append(row(header.stream().map(h -> "---").toList()));
        rows.forEach(r -> text.append(row(r)));
        return text.toString();
    }

    /** Write {@code table} to {@code target/NAME.md} and require docs/checks.md to hold the same table. */
    static void requireDocumented(String name, String table) throws IOException {
        Path generated = Path.of("target", name + ".md").toAbsolutePath();
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, table, StandardCharsets.UTF_8);
        String design = Files.readString(DESIGN, StandardCharsets.UTF_8);
        String begin = "<!-- begin " + name + " -->\n";
        String end = "<!-- end " + name + " -->";
        int from = design.indexOf(begin);
        int to = design.indexOf(end);
        assertTrue(from >= 0 && to > from, () -> "docs/checks.md should hold the table of " + name + " between '"
                + begin.trim() + "' and '" + end + "'; the table is in " + generated);
        assertEquals(table, design.substring(from + begin.length(), to), () -> "docs/checks.md's table of " + name
                + " does not match the fixtures; replace it with " + generated);
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|").replace("\n", " ")).toList()) + " |\n";
    }
}
