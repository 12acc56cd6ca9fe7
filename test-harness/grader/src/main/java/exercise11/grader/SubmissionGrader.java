package exercise11.grader;

import exercise11.harness.Bounds;
import exercise11.harness.Outcome;
import exercise11.harness.containers.RequiresDocker;
import exercise11.harness.containers.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Grade one submission: unpack, compile it and the checks, run the checks in a JVM of its own, score. */
public final class SubmissionGrader {

    /** Limits and inputs shared by every submission of a run. */
    public record Settings(List<Path> checkSources, Path checkResources, Rubric rubric, String harnessClasspath, long seed,
                           Duration timeLimit, Duration checkTimeout, int heapMegabytes, Optional<Reference> reference,
                           boolean containers, boolean sandbox, Optional<String> runAs) {

        /** Every check's source file. */
        List<Path> checkFiles() throws IOException {
            List<Path> files = new ArrayList<>();
            for (Path folder : checkSources) {
                files.addAll(Compilation.javaFiles(folder));
            }
            return files;
        }
    }

    /** How the reason of a submission that does not compile begins. */
    public static final String COMPILE_ERROR = "your code does not compile";

    /**
     * The checks compiled once against the reference solution, for every submission whose public API is the
     * same: compiling them again against such a submission would give the same classes.
     */
    public record Reference(Set<String> api, Path checks, Path starterSources) {

        /**
         * Compile the kit's solution and the checks against it under {@code work}; {@code starterSources} stand in
         * for a submission's files that do not compile.
         */
        public static Reference prepare(Path solutionSources, Path starterSources, Settings settings, Path work) throws IOException {
            Path classes = work.resolve("classes");
            Compilation.Result solution = Compilation.compile(Compilation.javaFiles(solutionSources), "", classes);
            Path checks = work.resolve("checks");
            Compilation.Result compiled = solution.ok() ? Compilation.compile(settings.checkFiles(),
                    classes + java.io.File.pathSeparator + settings.harnessClasspath(), checks) : solution;
            if (!compiled.ok()) {
                throw new IllegalStateException("the kit's own solution and checks do not compile:\n" + compiled.errors());
            }
            copyTree(settings.checkResources(), checks);
            return new Reference(PublicApi.of(classes), checks, starterSources);
        }
    }

    private static final long MAX_LOG_BYTES = 256 * 1024;
    /** Without {@code --containers}, the checks' JVM gets no way to Docker. */
    private static final List<String> DOCKER_VARIABLES = List.of("DOCKER_HOST", "TESTCONTAINERS_RYUK_DISABLED",
            "TESTCONTAINERS_CHECKS_DISABLE", "TESTCONTAINERS_HOST_OVERRIDE", "EXERCISE11_REQUIRE_DOCKER");
    /** The JDK modules the checks' JVM needs: the harness and JUnit use logging and, for a few checks, JFR-free management. */
    private static final Set<String> SANDBOX_MODULES = Set.of("java.base", "java.logging", "java.management", "jdk.unsupported");

    private final Settings settings;

    public SubmissionGrader(Settings settings) {
        this.settings = settings;
    }

    /** Grade {@code submission}, working in {@code work}. */
    public StudentResult grade(Submission submission, Path work) {
        long start = System.nanoTime();
        try {
            deleteTree(work);
            Files.createDirectories(work);
            Optional<Path> found = submission.unpack(work);
            if (found.isEmpty()) {
                return error(submission, "no src/main/java folder: expected a copy of exercise-11-starter", start);
            }
            // Only what a student writes is taken, copied into a folder of the grader's own (see Intake).
            Intake.Taken taken = Intake.take(found.get(), work.resolve("taken"));
            Path module = taken.module();
            String notTaken = taken.refused().isEmpty() ? ""
                    : "\nnot taken from your submission: " + String.join("; ", taken.refused());
            Path classes = work.resolve("classes");
            List<Path> sources = Compilation.javaFiles(module.resolve("src/main/java"));
            if (sources.isEmpty()) {
                return error(submission, "src/main/java/exercise11 holds no .java file that can be graded" + notTaken, start);
            }
            Compilation.Result compiled = Compilation.compile(sources, "", classes);
            String compileErrors = null;
            if (!compiled.ok()) {
                compileErrors = compiled.errors();
                // The files that do not compile are graded as the starter's stubs, so the checks of the rest still run.
                Optional<List<Path>> patched = withStarterFiles(sources, module.resolve("src/main/java"), compileErrors);
                deleteTree(classes);
                if (patched.isEmpty() || !Compilation.compile(patched.get(), "", classes).ok()) {
                    return error(submission, COMPILE_ERROR + ": " + compileErrors + notTaken, start);
                }
            }
            Optional<String> elsewhere = classOutsideThePackage(classes);
            if (elsewhere.isPresent()) {
                return error(submission, "your code declares " + elsewhere.get() + ", outside package exercise11: every"
                        + " class of the exercise belongs to package exercise11" + notTaken, start);
            }
            copyTree(module.resolve("src/main/resources"), classes);
            Path checks = work.resolve("checks");
            Map<String, String> notCompiled = Map.of();
            if (settings.reference().isPresent() && PublicApi.of(classes).equals(settings.reference().get().api())) {
                checks = settings.reference().get().checks();
            } else {
                notCompiled = compileChecks(classes, checks);
                copyTree(settings.checkResources(), checks);
            }
            List<CheckResult> results = new ArrayList<>(settings.sandbox() ? runInSandbox(classes, checks, work) : run(classes, checks, work));
            List<Rubric.Scored> scored = new ArrayList<>(settings.rubric().score(results));
            scored.addAll(uncompiledChecks(notCompiled));
            if (compileErrors != null) {
                return new StudentResult(submission.student(), "error", COMPILE_ERROR + ": " + compileErrors
                        + "\n(the files that do not compile were graded as the starter's stubs; the checks of the rest ran)"
                        + notTaken, scored, seconds(start));
            }
            if (results.isEmpty()) {
                // Not one check reported: the checks' JVM could not start or run them. That is the grader's failure to
                // grade, not a score of 0; say what the JVM said.
                return error(submission, "no check ran: " + whyNoCheckRan(work), start);
            }
            String reason = runReason(results, notCompiled) + notTaken;
            return new StudentResult(submission.student(), "graded", reason, scored, seconds(start));
        } catch (IOException | RuntimeException e) {
            return error(submission, "could not be graded: " + e.getMessage(), start);
        }
    }

    /** Replace each source file named in {@code errors} by the starter's file of the same path, if there is one. */
    private Optional<List<Path>> withStarterFiles(List<Path> sources, Path sourceRoot, String errors) {
        Optional<Path> starter = settings.reference().map(Reference::starterSources);
        if (starter.isEmpty()) {
            return Optional.empty();
        }
        Set<String> broken = new java.util.TreeSet<>();
        errors.lines().map(line -> line.split(":", 2)[0]).filter(name -> name.endsWith(".java")).forEach(broken::add);
        List<Path> patched = new ArrayList<>();
        for (Path source : sources) {
            if (!broken.contains(source.getFileName().toString())) {
                patched.add(source);
                continue;
            }
            Path replacement = starter.get().resolve(sourceRoot.relativize(source).toString());
            if (!Files.isRegularFile(replacement)) {
                return Optional.empty(); // a file of the student's own: nothing to stand in for it
            }
            patched.add(replacement);
        }
        return broken.isEmpty() ? Optional.empty() : Optional.of(patched);
    }

    private Map<String, String> compileChecks(Path classes, Path checks) throws IOException {
        String classpath = classes + java.io.File.pathSeparator + settings.harnessClasspath();
        List<Path> all = settings.checkFiles();
        Map<String, String> notCompiled = new LinkedHashMap<>();
        if (Compilation.compile(all, classpath, checks).ok()) {
            return notCompiled;
        }
        // One check class at a time, so a changed signature costs only the checks that use it.
        for (Path source : all) {
            Compilation.Result result = Compilation.compile(List.of(source), classpath, checks);
            if (!result.ok()) {
                notCompiled.put(source.getFileName().toString().replace(".java", ""), result.errors());
            }
        }
        return notCompiled;
    }

    private List<CheckResult> run(Path classes, Path checks, Path work) throws IOException {
        Path results = work.resolve("results.tsv");
        Path runDir = Files.createDirectories(work.resolve("run"));
        String sep = java.io.File.pathSeparator;
        List<String> command = new ArrayList<>();
        if (settings.runAs().isPresent()) {
            // The submission's code runs as an unprivileged user, who may read and write only its own run folder.
            command.addAll(List.of("runuser", "-u", settings.runAs().get(), "--"));
            openTo(work);
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(classes.toString()));
        // The harness and JUnit come first on the classpath, then the checks, and the submission's classes last, so
        // that nothing a submission compiles can stand in for a class of theirs.
        command.addAll(List.of("-Djava.io.tmpdir=" + runDir, "-cp", settings.harnessClasspath() + sep + checks + sep + classes,
                RunChecks.class.getName(), checks.toString(), results.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true);
        if (!settings.containers()) {
            DOCKER_VARIABLES.forEach(builder.environment()::remove);
        }
        Process process = builder.start();
        Thread drain = drain(process.getInputStream(), work.resolve("run.log"));
        boolean ended;
        try {
            ended = process.waitFor(settings.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            drain.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String cut = ended ? "the checks' JVM ended early (System.exit in your code?)"
                : "the time limit of " + settings.timeLimit().toSeconds() + " s was reached";
        return readResults(Files.exists(results) ? Files.readAllLines(results, StandardCharsets.UTF_8) : List.of(), cut);
    }

    /**
     * Run the checks in a locked-down container (no network but loopback, read-only files but one results folder,
     * memory, CPU and process limits, at most 1 MB of output kept).
     */
    private List<CheckResult> runInSandbox(Path classes, Path checks, Path work) throws IOException {
        // The results go to a file of their own, never through the output stream, so that however much a submission
        // prints (Docker keeps 1 MB of it) no result line is lost.
        Path results = Files.createDirectories(work.resolve("results"));
        Sandbox sandbox = Sandbox.withModules(SANDBOX_MODULES).memoryMb(settings.heapMegabytes() + 384L).cpus(1).pids(256)
                .timeLimit(settings.timeLimit()).mount(classes, "/work/classes").mount(checks, "/work/checks")
                .mountWritable(results, "/work/results");
        List<String> classpath = new ArrayList<>();
        int n = 0;
        for (String entry : settings.harnessClasspath().split(java.io.File.pathSeparator)) {
            String inside = "/work/lib/" + (n++) + "-" + Path.of(entry).getFileName();
            sandbox.mount(Path.of(entry), inside);
            classpath.add(inside);
        }
        classpath.addAll(List.of("/work/checks", "/work/classes")); // the submission last, as in run()
        List<String> args = new ArrayList<>(jvmOptions("/work/classes"));
        args.addAll(List.of("-cp", String.join(":", classpath), RunChecks.class.getName(), "/work/checks",
                "/work/results/results.tsv"));
        Sandbox.Result result = sandbox.run(args.toArray(String[]::new));
        List<String> log = new ArrayList<>(result.stdout());
        log.addAll(result.stderr());
        Files.writeString(work.resolve("run.log"), String.join("\n", log.subList(0, Math.min(log.size(), 5_000))), StandardCharsets.UTF_8);
        String cut = result.timedOut() ? "the time limit of " + settings.timeLimit().toSeconds() + " s was reached"
                : result.outOfMemory() ? "the sandbox's memory limit was reached"
                : "the checks' JVM ended early (System.exit in your code?)";
        Path file = results.resolve("results.tsv");
        return readResults(Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of(), cut);
    }

    private List<String> jvmOptions(String classes) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + settings.heapMegabytes() + "m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss1m", "-Dfile.encoding=ISO-8859-1",
                "-Dexercise11.classes=" + classes, "-Dexercise11.seed=" + settings.seed(),
                "-Djunit.jupiter.execution.timeout.default=" + settings.checkTimeout().toSeconds() + " s",
                "-D" + Bounds.SCALE_PROPERTY + "=" + Bounds.scale()));
        if (!settings.containers()) {
            options.add("-D" + RunChecks.EXCLUDED_TAGS + "=" + RequiresDocker.TAG);
        }
        return options;
    }

    static List<CheckResult> readResults(List<String> lines, String whyCut) {
        Map<String, CheckResult> checks = new LinkedHashMap<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            CheckResult check;
            try {
                check = CheckResult.fromLine(line.substring(tab + 1));
            } catch (IllegalArgumentException e) {
                continue; // a line cut short when the JVM was killed
            }
            checks.put(check.key(), check);
        }
        List<CheckResult> all = new ArrayList<>();
        for (CheckResult check : checks.values()) {
            boolean neverFinished = check.status() == Outcome.NOT_RUN && check.message().isEmpty();
            all.add(neverFinished ? check.with(Outcome.NOT_RUN, "not run: " + whyCut) : check);
        }
        return all;
    }

    private List<Rubric.Scored> uncompiledChecks(Map<String, String> notCompiled) {
        List<Rubric.Scored> scored = new ArrayList<>();
        for (Rubric.Entry entry : settings.rubric().entries()) {
            String className = entry.key().split("[.#]")[0];
            if (notCompiled.containsKey(className)) {
                CheckResult check = new CheckResult("exercise11.checks." + entry.key().split("#")[0].replace('.', '$'),
                        entry.key().contains("#") ? entry.key().substring(entry.key().indexOf('#') + 1) : "*",
                        entry.key() + " (does not compile against your code)", List.of(), Outcome.ERROR,
                        "these checks do not compile against your classes; did a public signature change?\n"
                                + notCompiled.get(className), 0);
                scored.add(new Rubric.Scored(check, 0, entry.points(), entry.hidden()));
            }
        }
        return scored;
    }

    /** The first lines the checks' JVM printed that say what went wrong, from its log. */
    private static String whyNoCheckRan(Path work) {
        Path log = work.resolve("run.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("at "))
                    .filter(l -> l.contains("rror") || l.contains("xception") || l.contains("annot") || l.contains("not "))
                    .findFirst().orElse(lines.isEmpty() ? "the checks' JVM printed nothing" : lines.get(0).strip());
        } catch (IOException | UncheckedIOException e) {
            return "its log could not be read: " + e.getMessage();
        }
    }

    private static String runReason(List<CheckResult> results, Map<String, String> notCompiled) {
        long notRun = results.stream().filter(c -> c.status() == Outcome.NOT_RUN).count();
        if (notRun > 0) {
            return notRun + " check(s) did not run: " + results.stream().filter(c -> c.status() == Outcome.NOT_RUN)
                    .findFirst().map(c -> c.message().replaceFirst("^not run: ", "")).orElse("");
        }
        if (!notCompiled.isEmpty()) {
            return "checks that do not compile against your code: " + String.join(", ", notCompiled.keySet());
        }
        return "all checks ran";
    }

    private StudentResult error(Submission submission, String reason, long start) {
        List<Rubric.Scored> none = new ArrayList<>();
        for (Rubric.Entry entry : settings.rubric().entries()) {
            CheckResult check = new CheckResult("exercise11.checks." + entry.key().split("#")[0].replace('.', '$'),
                    entry.key().contains("#") ? entry.key().substring(entry.key().indexOf('#') + 1) : "*",
                    entry.key(), List.of(), Outcome.NOT_RUN, "not run: " + reason.lines().findFirst().orElse(""), 0);
            none.add(new Rubric.Scored(check, 0, entry.points(), entry.hidden()));
        }
        return new StudentResult(submission.student(), "error", reason, none, seconds(start));
    }

    private static Thread drain(InputStream in, Path log) {
        Thread thread = new Thread(() -> {
            try (in; OutputStream out = Files.newOutputStream(log)) {
                byte[] buffer = new byte[8192];
                long kept = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (kept < MAX_LOG_BYTES) {
                        int keep = (int) Math.min(n, MAX_LOG_BYTES - kept);
                        out.write(buffer, 0, keep);
                        kept += keep;
                    }
                }
            } catch (IOException e) {
                // the process is gone; the log keeps what it got
            }
        }, "grader log drain");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Copy every file under {@code from} (if it is a folder) to the same place under {@code to}, replacing what is there. */
    public static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
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

    /** Let every user read and write {@code work}, a submission's own folder: for its checks run as another user. */
    private static void openTo(Path work) throws IOException {
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
    }

    /** Delete {@code path} and everything under it, if it exists. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
