package exercise11.selfcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A submission made from the solution (or the starter) by a patch or a few exact text edits, as a student's would
 * differ.
 *
 * <p>A patch must apply cleanly and each edit must match exactly once, so a fixture cannot silently stop meaning
 * what it says when the solution changes.
 */
public record Variant(String name, String base, List<Edit> edits, Optional<Path> patch) {

    /** Replace {@code find} by {@code replace} in {@code file} (a name under {@code src/main/java/exercise11}). */
    public record Edit(String file, String find, String replace) {
    }

    /** Start a variant of the solution. */
    public static Variant ofSolution(String name) {
        return new Variant(name, "exercise-11-solution", List.of(), Optional.empty());
    }

    /** Start a variant of the starter. */
    public static Variant ofStarter(String name) {
        return new Variant(name, "exercise-11-starter", List.of(), Optional.empty());
    }

    /** Return this variant with one more edit. */
    public Variant replace(String file, String find, String replace) {
        List<Edit> more = new ArrayList<>(edits);
        more.add(new Edit(file, find, replace));
        return new Variant(name, base, List.copyOf(more), patch);
    }

    /** Return this variant with {@code changes} (a unified diff against {@code src/main}, paths a/... b/...) applied. */
    public Variant withPatch(Path changes) {
        return new Variant(name, base, edits, Optional.of(changes));
    }

    /** Write the variant as the folder {@code cohort/name}, a copy of {@code src/main} of its base with the edits. */
    public Path writeTo(Path kit, Path cohort) throws IOException {
        Path target = cohort.resolve(name);
        Path source = kit.resolve(base).resolve("src/main");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path copy = target.resolve("src/main").resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
        if (patch.isPresent()) {
            apply(patch.get(), target.resolve("src/main"));
        }
        for (Edit edit : edits) {
            Path file = target.resolve("src/main/java/exercise11").resolve(edit.file());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int at = text.indexOf(edit.find());
            if (at < 0 || text.indexOf(edit.find(), at + 1) >= 0) {
                throw new IllegalStateException("fixture " + name + ": the text to replace must occur exactly once in "
                        + edit.file() + ": " + edit.find());
            }
            Files.writeString(file, text.replace(edit.find(), edit.replace()), StandardCharsets.UTF_8);
        }
        return target;
    }

    private void apply(Path changes, Path folder) throws IOException {
        Process git = new ProcessBuilder("git", "apply", "--whitespace=nowarn", "-p1", changes.toAbsolutePath().toString())
                .directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (git.waitFor() != 0) {
                throw new IllegalStateException("fixture " + name + ": " + changes + " does not apply to the " + base
                        + " any more: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying " + changes);
        }
    }
}
