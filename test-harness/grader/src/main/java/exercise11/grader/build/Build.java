package exercise11.grader.build;

import exercise11.grader.build.compiler.CompilerPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The build stage's entry point: compile a submission's sources in a bounded {@code javac} and hold the classes to the
 * allow-list. A file that does not compile, or that uses what the exercise does not allow, is replaced by the
 * starter's file of the same path, so that the checks of the rest still run.
 */
public final class Build {

    /** How the reason of a submission that does not compile begins. */
    public static final String COMPILE_ERROR = "your code does not compile";

    /**
     * What the build gave.
     *
     * @param failure why nothing could be built (then the checks cannot run): the whole reason, for the student
     * @param compileErrors the compiler's messages when some files were replaced by the starter's
     * @param violations every use of what the allow-list does not allow (those files were replaced)
     * @param refusal the reason's line about the violations, empty when there are none
     * @param time how long the build took, compiling apart from holding the classes to the policy
     */
    public record Built(Optional<String> failure, Optional<String> compileErrors, List<PolicyCheck.Violation> violations,
                        String refusal, Time time) {
    }

    /** The nanoseconds a build spent compiling and checking the policy. */
    public record Time(long compileNanos, long policyNanos) {
    }

    /** The clock of one build: what ran since the last lap goes to compiling or to the policy. */
    private static final class Laps {
        private long last = System.nanoTime();
        private long compile;
        private long policy;

        void compiled() {
            long now = System.nanoTime();
            compile += now - last;
            last = now;
        }

        void checkedPolicy() {
            long now = System.nanoTime();
            policy += now - last;
            last = now;
        }

        Time time() {
            return new Time(compile, policy);
        }
    }

    private Build() {
    }

    /**
     * Build {@code sources} (under {@code sourceRoot}) into {@code classes} with {@code compilers}; the
     * starter's files under {@code starterSources} stand in for files that do not compile or break {@code policy}.
     */
    public static Built submission(List<Path> sources, Path sourceRoot, Path starterSources, Path classes,
                                   CompilerPool compilers, PolicyCheck policy) throws IOException {
        Laps laps = new Laps();
        Compilation.Result compiled = Compilation.compileBounded(compilers, sources, "", classes);
        String compileErrors = null;
        if (!compiled.ok()) {
            compileErrors = compiled.errors();
            Optional<List<Path>> patched = withStarterFiles(sources, sourceRoot, starterSources, filesNamedIn(compileErrors));
            deleteClasses(classes);
            boolean patchedCompiles = patched.isPresent() && Compilation.compileBounded(compilers, patched.get(), "", classes).ok();
            laps.compiled();
            if (!patchedCompiles) {
                return failed(COMPILE_ERROR + ": " + compileErrors, laps);
            }
        }
        laps.compiled();
        Optional<String> elsewhere = classOutsideThePackage(classes);
        if (elsewhere.isPresent()) {
            return failed("your code declares " + elsewhere.get() + ", outside package exercise11: every"
                    + " class of the exercise belongs to package exercise11", laps);
        }
        // The allow-list (policy.txt): a file that uses what the exercise does not allow is graded as the starter's.
        List<PolicyCheck.Violation> violations = policy.check(classes);
        laps.checkedPolicy();
        Set<String> refusedFiles = new java.util.TreeSet<>();
        violations.forEach(v -> refusedFiles.add(v.sourceFile()));
        String refusal = violations.isEmpty() ? "" : "your code uses what this exercise does not allow: " + describe(violations);
        if (!violations.isEmpty()) {
            Optional<List<Path>> patched = withStarterFiles(Compilation.javaFiles(sourceRoot), sourceRoot, starterSources,
                    refusedFiles);
            deleteClasses(classes);
            boolean patchedCompiles = patched.isPresent() && Compilation.compileBounded(compilers, patched.get(), "", classes).ok();
            laps.compiled();
            boolean patchedAllowed = patchedCompiles && policy.check(classes).isEmpty();
            laps.checkedPolicy();
            if (!patchedAllowed) {
                return failed(refusal, laps);
            }
        }
        return new Built(Optional.empty(), Optional.ofNullable(compileErrors), violations, refusal, laps.time());
    }

    private static Built failed(String why, Laps laps) {
        laps.checkedPolicy(); // what ran since the last lap was looking for classes outside the package
        return new Built(Optional.of(why), Optional.empty(), List.of(), "", laps.time());
    }

    private static void deleteClasses(Path classes) throws IOException {
        if (Files.exists(classes)) {
            try (Stream<Path> paths = Files.walk(classes)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The source files named at the start of the lines of a compiler's {@code errors}. */
    private static Set<String> filesNamedIn(String errors) {
        Set<String> files = new java.util.TreeSet<>();
        errors.lines().filter(line -> !line.startsWith(" ")).map(line -> line.split(":", 2)[0])
                .filter(name -> name.endsWith(".java")).forEach(files::add);
        return files;
    }

    /** Replace each source file named in {@code broken} by the starter's file of the same path, if there is one. */
    private static Optional<List<Path>> withStarterFiles(List<Path> sources, Path sourceRoot, Path starter, Set<String> broken) {
        List<Path> patched = new ArrayList<>();
        for (Path source : sources) {
            if (!broken.contains(source.getFileName().toString())) {
                patched.add(source);
                continue;
            }
            Path replacement = starter.resolve(sourceRoot.relativize(source).toString());
            if (!Files.isRegularFile(replacement)) {
                return Optional.empty(); // a file of the student's own: nothing to stand in for it
            }
            patched.add(replacement);
        }
        return broken.isEmpty() ? Optional.empty() : Optional.of(patched);
    }

    /** Every class used against the policy, then the first violations, one per line, and how many more there are. */
    private static String describe(List<PolicyCheck.Violation> violations) {
        String apis = String.join(", ", violations.stream().map(PolicyCheck.Violation::api).distinct().toList());
        List<String> distinct = violations.stream().map(PolicyCheck.Violation::toString).distinct().toList();
        String shown = String.join("\n", distinct.subList(0, Math.min(5, distinct.size())));
        return apis + "\n" + shown + (distinct.size() > 5 ? "\n(and " + (distinct.size() - 5) + " more)" : "");
    }

    /** The first class compiled from the submission that is not in package exercise11 itself, as a class name. */
    private static Optional<String> classOutsideThePackage(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !Path.of("exercise11").equals(classes.relativize(f).getParent()))
                    .map(f -> classes.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", ""))
                    .sorted().findFirst();
        }
    }
}
