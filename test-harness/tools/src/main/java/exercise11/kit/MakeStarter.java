package exercise11.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Make the starter's sources from the solution's: every section between {@code // >>> TODO n: what to do} and
 * {@code // <<< TODO n} becomes a stub that throws {@code UnsupportedOperationException("TODO n: what to do")}.
 *
 * <p>Run from the kit's root, as a single source file:
 * {@code java test-harness/tools/src/main/java/exercise11/kit/MakeStarter.java [--check]}. With
 * {@code --done 1,2 --out DIR} it writes into {@code DIR} instead a starter whose TODOs 1 and 2 keep the solution's
 * code, as a student's copy is after those steps ({@code .ci/doc-examples} builds the docs' examples from such copies).
 */
public final class MakeStarter {

    private static final Pattern BEGIN = Pattern.compile("^(\\s*)// >>> (TODO (\\d+): .+)$");
    private static final Pattern END = Pattern.compile("^\\s*// <<< TODO (\\d+)\\s*$");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?[\\w.]+\\.(\\w+);$");
    private static final List<String> COPIED = List.of("src/main/java", "src/main/resources");

    private MakeStarter() {
    }

    /** Write (or with {@code --check}, compare) the starter's sources; exit 1 when the check finds a difference. */
    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        boolean check = arguments.contains("--check");
        Path root = Path.of(".");
        try {
            Set<Integer> done = done(arguments);
            Path starter = done.isEmpty() ? root.resolve("exercise-11-starter") : out(arguments);
            Map<Path, String> expected = starterFiles(root.resolve("exercise-11-solution"), done);
            List<String> differences = check
                    ? differences(expected, starter)
                    : write(expected, starter);
            differences.forEach(System.out::println);
            if (check && !differences.isEmpty()) {
                System.err.println("exercise-11-starter is out of date with the solution; regenerate it with:"
                        + " java test-harness/tools/src/main/java/exercise11/kit/MakeStarter.java");
                System.exit(1);
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The TODOs that {@code --done 1,2} keeps the solution's code of; none without that option. */
    private static Set<Integer> done(List<String> arguments) {
        int at = arguments.indexOf("--done");
        if (at < 0) {
            return Set.of();
        }
        if (at + 1 >= arguments.size()) {
            throw new IllegalArgumentException("--done needs the TODOs to keep, such as --done 1,2");
        }
        Set<Integer> done = new TreeSet<>();
        for (String number : arguments.get(at + 1).split(",")) {
            try {
                done.add(Integer.parseInt(number.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--done expected TODO numbers such as 1,2, got '" + arguments.get(at + 1) + "'");
            }
        }
        return done;
    }

    /** The folder {@code --out DIR} names: with {@code --done}, the starter is written there, never over the kit's. */
    private static Path out(List<String> arguments) {
        int at = arguments.indexOf("--out");
        if (at < 0 || at + 1 >= arguments.size()) {
            throw new IllegalArgumentException("--done needs --out DIR, the folder to write that copy of the starter into");
        }
        return Path.of(arguments.get(at + 1));
    }

    /** Return the starter's files (path relative to the module, content) made from the solution module. */
    public static Map<Path, String> starterFiles(Path solutionModule) {
        return starterFiles(solutionModule, Set.of());
    }

    /** The starter's files made from the solution module, the TODOs in {@code done} keeping the solution's code. */
    public static Map<Path, String> starterFiles(Path solutionModule, Set<Integer> done) {
        Map<Path, String> files = new TreeMap<>();
        for (String folder : COPIED) {
            Path base = solutionModule.resolve(folder);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(base)) {
                for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                    String text = Files.readString(path, StandardCharsets.UTF_8);
                    String relative = solutionModule.relativize(path).toString().replace('\\', '/');
                    files.put(Path.of(relative), relative.endsWith(".java") ? stub(text, relative, done) : text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Replace each solution section of {@code source} by its stub and drop the imports nothing uses any more. */
    public static String stub(String source, String fileName) {
        return stub(source, fileName, Set.of());
    }

    /** Replace each solution section of {@code source} by its stub, but those of the TODOs in {@code done}. */
    public static String stub(String source, String fileName, Set<Integer> done) {
        List<String> out = new ArrayList<>();
        boolean keep = false;
        String open = null;
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher begin = BEGIN.matcher(line);
            Matcher end = END.matcher(line);
            if (begin.matches()) {
                if (open != null) {
                    throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": '" + open + "' is not closed before the next TODO");
                }
                open = begin.group(3);
                keep = done.contains(Integer.parseInt(open));
                String indent = begin.group(1);
                String todo = begin.group(2);
                if (!keep) {
                    out.add(indent + "// " + todo);
                    out.add(indent + "throw new UnsupportedOperationException(\"" + todo.replace("\\", "\\\\").replace("\"", "\\\"") + "\");");
                }
            } else if (end.matches()) {
                if (!end.group(1).equals(open)) {
                    throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": '<<< TODO " + end.group(1) + "' closes no open TODO");
                }
                open = null;
                keep = false;
            } else if (open == null || keep) {
                out.add(line);
            }
        }
        if (open != null) {
            throw new IllegalArgumentException(fileName + ": TODO " + open + " is never closed with '// <<< TODO " + open + "'");
        }
        return withoutUnusedImports(out);
    }

    private static String withoutUnusedImports(List<String> lines) {
        String body = String.join("\n", lines.stream().filter(l -> !IMPORT.matcher(l).matches()).toList());
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            Matcher imported = IMPORT.matcher(line);
            if (imported.matches() && !Pattern.compile("\\b" + imported.group(2) + "\\b").matcher(body).find()) {
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept);
    }

    /** List how the starter module {@code starter} differs from the {@code expected} files: missing, differing, extra. */
    public static List<String> differences(Map<Path, String> expected, Path starter) {
        List<String> differences = new ArrayList<>();
        expected.forEach((path, text) -> {
            Path actual = starter.resolve(path);
            try {
                if (!Files.exists(actual)) {
                    differences.add("missing: " + path);
                } else if (!Files.readString(actual, StandardCharsets.UTF_8).equals(text)) {
                    differences.add("differs: " + path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        for (String folder : COPIED) {
            Path base = starter.resolve(folder);
            if (Files.isDirectory(base)) {
                try (Stream<Path> paths = Files.walk(base)) {
                    paths.filter(Files::isRegularFile)
                            .map(p -> Path.of(starter.relativize(p).toString().replace('\\', '/')))
                            .filter(p -> !expected.containsKey(p))
                            .forEach(p -> differences.add("extra: " + p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return differences;
    }

    private static List<String> write(Map<Path, String> files, Path starter) {
        List<String> written = new ArrayList<>();
        files.forEach((path, text) -> {
            try {
                Path target = starter.resolve(path);
                Files.createDirectories(target.getParent());
                Files.writeString(target, text, StandardCharsets.UTF_8);
                written.add("wrote: " + path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return written;
    }
}
