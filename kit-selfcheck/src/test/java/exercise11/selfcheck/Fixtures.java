package exercise11.selfcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The known-bad and known-good submissions, as files a reader can open: a folder per fixture under
 * {@code kit-selfcheck/fixtures/known-bad} or {@code known-good}, holding {@code changes.patch} (a unified diff
 * against the solution's {@code src/main}) and {@code fixture.txt} ({@code key: value} lines; a key may repeat).
 */
final class Fixtures {

    static final Path ROOT = Cohorts.KIT.resolve("kit-selfcheck/fixtures");

    /** One fixture's folder, its name (the folder's) and its {@code fixture.txt}. */
    record Fixture(String name, Path folder, Map<String, List<String>> facts) {

        /** The one value of {@code key}; a missing or repeated key is an error in the fixture. */
        String one(String key) {
            List<String> values = all(key);
            if (values.size() != 1) {
                throw new IllegalStateException(folder + "/fixture.txt should have one '" + key + ":' line, has " + values.size());
            }
            return values.get(0);
        }

        /** Every value of {@code key}, in the file's order. */
        List<String> all(String key) {
            return facts.getOrDefault(key, List.of());
        }

        /** The submission: the solution with this fixture's patch applied. */
        Variant variant(String prefix) {
            return Variant.ofSolution(prefix + name).withPatch(folder.resolve("changes.patch"));
        }
    }

    private Fixtures() {
    }

    /** Every fixture of {@code kind} ({@code known-bad}, {@code known-good}), by folder name. */
    static List<Fixture> of(String kind) {
        List<Fixture> fixtures = new ArrayList<>();
        try (Stream<Path> folders = Files.list(ROOT.resolve(kind))) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Map<String, List<String>> facts = new LinkedHashMap<>();
                for (String line : Files.readAllLines(folder.resolve("fixture.txt"), StandardCharsets.UTF_8)) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int colon = line.indexOf(": ");
                    if (colon < 0) {
                        throw new IllegalStateException(folder + "/fixture.txt: not a 'key: value' line: " + line);
                    }
                    facts.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>()).add(line.substring(colon + 2));
                }
                fixtures.add(new Fixture(folder.getFileName().toString(), folder, facts));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures;
    }
}
