package exercise11.grader;

import exercise11.harness.Bounds;
import exercise11.harness.Dependencies;
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
                           Duration timeLimit, Duration checkTimeout, Duration compileLimit, int heapMegabytes,
                           Optional<Reference> reference, boolean containers, boolean sandbox,
                           Optional<Confinement> confinement) {

        /** Every check's source file. */
        List<Path> checkFiles() throws IOException {
            List<Path> files = new ArrayList<>();
            for (Path folder : checkSources) {
                files.addAll(Compilation.javaFiles(folder));
            }
            return files;
        }
    }

    /** The reason of a run in which nothing went wrong. */
    private static final String ALL_CHECKS_RAN = "all checks ran";
    /** How the reason of a submission that does not compile begins. */
    public static final String COMPILE_ERROR = "your code does not compile";

    /**
     * The checks compiled once against the reference solution, for every submission whose public API is the
     * same: compiling them again against such a submission would give the same classes.
     */
    public record Reference(Set<String> api, Path checks, List<ExpectedChecks.Check> expected, Path starterSources,
                            PolicyCheck policy) {

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
            return new Reference(PublicApi.of(classes), checks, ExpectedChecks.in(checks, settings.containers()), starterSources,
                    PolicyCheck.of(Policy.kit(), classes));
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
            // Other users (the confined checks' user among them) may pass through, not look around.
            Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
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
            Reference reference = settings.reference().orElseThrow(() -> new IllegalStateException("no reference prepared"));
            Compilation.Result compiled = Compilation.compileBounded(sources, "", classes, settings.compileLimit());
            String compileErrors = null;
            if (!compiled.ok()) {
                compileErrors = compiled.errors();
                // The files that do not compile are graded as the starter's stubs, so the checks of the rest still run.
                Optional<List<Path>> patched = withStarterFiles(sources, module.resolve("src/main/java"), filesNamedIn(compileErrors));
                deleteTree(classes);
                if (patched.isEmpty() || !Compilation.compileBounded(patched.get(), "", classes, settings.compileLimit()).ok()) {
                    return error(submission, COMPILE_ERROR + ": " + compileErrors + notTaken, start);
                }
            }
            Optional<String> elsewhere = classOutsideThePackage(classes);
            if (elsewhere.isPresent()) {
                return error(submission, "your code declares " + elsewhere.get() + ", outside package exercise11: every"
                        + " class of the exercise belongs to package exercise11" + notTaken, start);
            }
            // The allow-list (policy.txt): a file that uses what the exercise does not allow is graded as the starter's.
            List<PolicyCheck.Violation> violations = reference.policy().check(classes);
            Set<String> refusedFiles = new java.util.TreeSet<>();
            violations.forEach(v -> refusedFiles.add(v.sourceFile()));
            String refusal = violations.isEmpty() ? "" : "your code uses what this exercise does not allow: " + describe(violations);
            if (!violations.isEmpty()) {
                Optional<List<Path>> patched = withStarterFiles(Compilation.javaFiles(module.resolve("src/main/java")),
                        module.resolve("src/main/java"), refusedFiles);
                deleteTree(classes);
                if (patched.isEmpty() || !Compilation.compileBounded(patched.get(), "", classes, settings.compileLimit()).ok()
                        || !reference.policy().check(classes).isEmpty()) {
                    return error(submission, refusal + notTaken, start);
                }
            }
            copyTree(module.resolve("src/main/resources"), classes);
            Path checks = work.resolve("checks");
            Map<String, String> notCompiled = Map.of();
            List<ExpectedChecks.Check> expected = reference.expected();
            Set<String> api = PublicApi.of(classes);
            // The given signatures the submission changed or removed: said before javac's words about a check's file.
            List<String> changedApi = reference.api().stream().filter(signature -> !api.contains(signature)).toList();
            if (api.equals(reference.api())) {
                checks = reference.checks();
            } else {
                notCompiled = compileChecks(classes, checks);
                copyTree(settings.checkResources(), checks);
                expected = ExpectedChecks.in(checks, settings.containers());
            }
            Run run = settings.sandbox() ? runInSandbox(classes, checks, work) : run(classes, checks, work);
            List<CheckResult> results = new ArrayList<>(run.results(expected));
            if (!violations.isEmpty()) {
                Map<Integer, String> refusedTodos = refusedTodos(violations, reference.starterSources());
                results.replaceAll(check -> notGraded(check, refusedTodos));
            }
            List<Rubric.Scored> scored = new ArrayList<>(settings.rubric().score(results));
            scored.addAll(uncompiledChecks(notCompiled, changedApi));
            if (compileErrors != null) {
                return new StudentResult(submission.student(), "error", COMPILE_ERROR + ": " + compileErrors
                        + "\n(the files that do not compile were graded as the starter's stubs; the checks of the rest ran)"
                        + notTaken, scored, seconds(start));
            }
            if (run.reported() == 0) {
                // Not one check reported: the checks' JVM could not start or run them. That is the grader's failure to
                // grade, not a score of 0; say what the JVM said.
                return error(submission, "no check ran: " + whyNoCheckRan(work) + (refusal.isEmpty() ? "" : "; " + refusal), start);
            }
            String ran = runReason(results, notCompiled, changedApi);
            if (!refusal.isEmpty()) {
                ran = refusal + "\n" + (ran.equals(ALL_CHECKS_RAN) ? "every other check ran" : ran);
            }
            String reason = ran + run.notes() + notTaken;
            return new StudentResult(submission.student(), "graded", reason, scored, seconds(start));
        } catch (IOException | RuntimeException e) {
            return error(submission, "could not be graded: " + e.getMessage(), start);
        }
    }

    /** The source files named at the start of the lines of a compiler's {@code errors}. */
    private static Set<String> filesNamedIn(String errors) {
        Set<String> files = new java.util.TreeSet<>();
        errors.lines().map(line -> line.split(":", 2)[0]).filter(name -> name.endsWith(".java")).forEach(files::add);
        return files;
    }

    /** Replace each source file named in {@code broken} by the starter's file of the same path, if there is one. */
    private Optional<List<Path>> withStarterFiles(List<Path> sources, Path sourceRoot, Set<String> broken) {
        Optional<Path> starter = settings.reference().map(Reference::starterSources);
        if (starter.isEmpty()) {
            return Optional.empty();
        }
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
        if (Compilation.compileBounded(all, classpath, checks, settings.compileLimit()).ok()) {
            return notCompiled;
        }
        // One check class at a time, so a changed signature costs only the checks that use it.
        for (Path source : all) {
            if (source.getFileName().toString().equals("GivenSignatures.java")) {
                continue; // the student's build stops at it; here the changed signatures are named from the API itself
            }
            Compilation.Result result = Compilation.compileBounded(List.of(source), classpath, checks, settings.compileLimit());
            if (!result.ok()) {
                notCompiled.put(source.getFileName().toString().replace(".java", ""), result.errors());
            }
        }
        return notCompiled;
    }

    /**
     * What one run of the checks left: the verified lines of its results file, how many lines did not verify, and why
     * it may have been cut short.
     */
    record Run(List<String> lines, int rejected, String whyCut) {

        /** How many checks reported an outcome. */
        int reported() {
            return (int) lines.stream().filter(line -> line.startsWith("DONE\t")).count();
        }

        /**
         * The result of every check in {@code expected}, the grader's own list: each must be reported once; one that
         * was not did not run, and what is reported beyond the list is ignored.
         */
        List<CheckResult> results(List<ExpectedChecks.Check> expected) {
            Map<String, CheckResult> planned = new LinkedHashMap<>();
            Map<String, List<CheckResult>> done = new LinkedHashMap<>();
            for (String line : lines) {
                String[] kind = line.split("\t", 2);
                if (kind.length < 2 || !(kind[0].equals("PLAN") || kind[0].equals("DONE"))) {
                    continue;
                }
                CheckResult check = CheckResult.fromLine(kind[1]);
                if (kind[0].equals("PLAN")) {
                    planned.putIfAbsent(check.key(), check);
                } else {
                    done.computeIfAbsent(check.key(), k -> new ArrayList<>()).add(check);
                }
            }
            // In the order the checks ran (their plan's), the checks that never got into the plan last.
            List<String> order = new ArrayList<>(planned.keySet());
            List<ExpectedChecks.Check> inOrder = new ArrayList<>(expected);
            inOrder.sort(java.util.Comparator.comparingInt(check -> {
                int at = order.indexOf(Dependencies.keyOf(check.className()) + "#" + check.method());
                return at < 0 ? Integer.MAX_VALUE : at;
            }));
            List<CheckResult> all = new ArrayList<>();
            for (ExpectedChecks.Check check : inOrder) {
                String key = Dependencies.keyOf(check.className()) + "#" + check.method();
                List<CheckResult> reports = done.getOrDefault(key, List.of());
                CheckResult plan = planned.getOrDefault(key,
                        new CheckResult(check.className(), check.method(), key, List.of(), Outcome.NOT_RUN, "", 0));
                if (reports.size() == 1) {
                    all.add(reports.get(0));
                } else if (reports.size() > 1) {
                    all.add(plan.with(Outcome.ERROR, "reported " + reports.size() + " times instead of once; not counted"));
                } else {
                    all.add(plan.with(Outcome.NOT_RUN, "not run: " + whyCut));
                }
            }
            return all;
        }

        /** What the reason adds about the run: output cut, lines that did not verify. */
        String notes() {
            StringBuilder notes = new StringBuilder();
            lines.stream().filter(line -> line.startsWith("OUTPUT\tcut")).findFirst().ifPresent(line -> notes.append(
                    "; output too long: your code printed more than " + RunChecks.MAX_OUTPUT_BYTES / 1024
                            + " KB, so the rest was not kept (the checks still counted every result)"));
            if (rejected > 0) {
                notes.append("; ").append(rejected).append(" line(s) in the results file were not written by the grader's"
                        + " runner and were ignored");
            }
            return notes.toString();
        }
    }

    private Run run(Path classes, Path checks, Path work) throws IOException {
        Path resultsDir = Files.createDirectories(work.resolve("results"));
        Path runDir = Files.createDirectories(work.resolve("run"));
        byte[] key = ResultChannel.newKey();
        Files.write(resultsDir.resolve("key"), key);
        String sep = java.io.File.pathSeparator;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(classes.toString()));
        // The harness and JUnit come first on the classpath, then the checks, and the submission's classes last, so
        // that nothing a submission compiles can stand in for a class of theirs.
        command.addAll(List.of("-XX:-UsePerfData", "-Djava.io.tmpdir=" + runDir, "-cp",
                settings.harnessClasspath() + sep + checks + sep + classes, RunChecks.class.getName(), checks.toString(),
                resultsDir.resolve("results.tsv").toString(), resultsDir.resolve("key").toString()));
        Optional<Confinement.Run> confined = Optional.empty();
        if (settings.confinement().isPresent()) {
            // The checks run as an unprivileged user, who may write only this submission's results and run folders.
            settings.confinement().get().handOver(resultsDir);
            settings.confinement().get().handOver(runDir);
            confined = Optional.of(settings.confinement().get().start(settings.heapMegabytes()));
        }
        try {
            ProcessBuilder builder = new ProcessBuilder().directory(runDir.toFile()).redirectErrorStream(true);
            if (!settings.containers()) {
                DOCKER_VARIABLES.forEach(builder.environment()::remove);
            }
            if (confined.isPresent()) {
                // What the run reads besides its own folder: the checks, the harness's classpath and the JDK.
                List<Path> reads = new ArrayList<>(List.of(checks, Path.of(System.getProperty("java.home"))));
                for (String entry : settings.harnessClasspath().split(java.io.File.pathSeparator)) {
                    reads.add(Path.of(entry));
                }
                builder.command(confined.get().command(command, work, reads, builder.environment()));
            } else {
                builder.command(command);
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
            String cut = !ended ? "the time limit of " + settings.timeLimit().toSeconds() + " s was reached"
                    : process.exitValue() == 137 ? "the checks' JVM was killed: out of memory? (" + settings.heapMegabytes()
                    + " MB of heap, and a limit on everything the run starts)"
                    : "the checks' JVM ended before every check had reported";
            return readRun(resultsDir.resolve("results.tsv"), key, cut);
        } finally {
            confined.ifPresent(Confinement.Run::close);
        }
    }

    /**
     * Run the checks in a locked-down container (no network but loopback, read-only files but one results folder,
     * memory, CPU and process limits, at most 1 MB of output kept).
     */
    private Run runInSandbox(Path classes, Path checks, Path work) throws IOException {
        // The results go to a file of their own, never through the output stream, so that however much a submission
        // prints no result line is lost.
        Path results = Files.createDirectories(work.resolve("results"));
        byte[] key = ResultChannel.newKey();
        Files.write(results.resolve("key"), key);
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
        args.addAll(List.of("-XX:-UsePerfData", "-cp", String.join(":", classpath), RunChecks.class.getName(), "/work/checks",
                "/work/results/results.tsv", "/work/results/key"));
        Sandbox.Result result = sandbox.run(args.toArray(String[]::new));
        List<String> log = new ArrayList<>(result.stdout());
        log.addAll(result.stderr());
        Files.writeString(work.resolve("run.log"), String.join("\n", log.subList(0, Math.min(log.size(), 5_000))), StandardCharsets.UTF_8);
        String cut = result.timedOut() ? "the time limit of " + settings.timeLimit().toSeconds() + " s was reached"
                : result.outOfMemory() ? "the sandbox's memory limit was reached"
                : "the checks' JVM ended before every check had reported";
        return readRun(results.resolve("results.tsv"), key, cut);
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

    /** Read and verify a results file; a last line cut short when the JVM was stopped is left out. */
    static Run readRun(Path file, byte[] key, String whyCut) throws IOException {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new Run(List.of(), 0, whyCut);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        ResultChannel.Verified verified = new ResultChannel(key).verify(lines);
        return new Run(verified.lines(), verified.rejected(), whyCut);
    }

    /**
     * For each TODO of a file the policy refused (graded as the starter's stub), why its checks are not graded: the
     * first violation in that file, and what to do.
     */
    private static Map<Integer, String> refusedTodos(List<PolicyCheck.Violation> violations, Path starterSources) {
        Map<Integer, String> why = new java.util.TreeMap<>();
        for (PolicyCheck.Violation violation : violations) {
            String file = violation.sourceFile();
            for (int todo : todosIn(starterSources.resolve("exercise11").resolve(file))) {
                why.putIfAbsent(todo, "not graded: " + violation + " (" + file + " was graded as the starter's; take that"
                        + " call out to have your code graded)");
            }
        }
        return why;
    }

    /** A check of a refused file's TODOs that did not pass says why, instead of "pending". */
    private static CheckResult notGraded(CheckResult check, Map<Integer, String> refusedTodos) {
        if (check.status() == Outcome.PASSED) {
            return check;
        }
        return check.todos().stream().filter(refusedTodos::containsKey).findFirst()
                .map(todo -> check.with(Outcome.FAILED, refusedTodos.get(todo))).orElse(check);
    }

    private static Set<Integer> todosIn(Path starterFile) {
        Set<Integer> todos = new java.util.TreeSet<>();
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("TODO (\\d+)").matcher(Files.readString(starterFile));
            while (m.find()) {
                todos.add(Integer.parseInt(m.group(1)));
            }
        } catch (IOException e) {
            // no such starter file: no TODO of it
        }
        return todos;
    }

    /** Every class used against the policy, then the first violations, one per line, and how many more there are. */
    private static String describe(List<PolicyCheck.Violation> violations) {
        String apis = String.join(", ", violations.stream().map(PolicyCheck.Violation::api).distinct().toList());
        List<String> distinct = violations.stream().map(PolicyCheck.Violation::toString).distinct().toList();
        String shown = String.join("\n", distinct.subList(0, Math.min(5, distinct.size())));
        return apis + "\n" + shown + (distinct.size() > 5 ? "\n(and " + (distinct.size() - 5) + " more)" : "");
    }

    private List<Rubric.Scored> uncompiledChecks(Map<String, String> notCompiled, List<String> changedApi) {
        List<Rubric.Scored> scored = new ArrayList<>();
        for (Rubric.Entry entry : settings.rubric().entries()) {
            String className = entry.key().split("[.#]")[0];
            if (notCompiled.containsKey(className)) {
                CheckResult check = new CheckResult("exercise11.checks." + entry.key().split("#")[0].replace('.', '$'),
                        entry.key().contains("#") ? entry.key().substring(entry.key().indexOf('#') + 1) : "*",
                        entry.key() + " (does not compile against your code)", List.of(), Outcome.ERROR,
                        "these checks do not compile against your classes: " + signatureAdvice(changedApi) + "\n"
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

    /** Which given signatures changed, and that they must stay as given. */
    private static String signatureAdvice(List<String> changedApi) {
        if (changedApi.isEmpty()) {
            return "did a public signature change? The given signatures must stay as they are";
        }
        return "the given signatures must stay exactly as they are, and yours differ from " + changedApi.size()
                + " of them: " + String.join("; ", changedApi.subList(0, Math.min(3, changedApi.size())))
                + (changedApi.size() > 3 ? "; ..." : "");
    }

    private static String runReason(List<CheckResult> results, Map<String, String> notCompiled, List<String> changedApi) {
        long notRun = results.stream().filter(c -> c.status() == Outcome.NOT_RUN).count();
        if (notRun > 0) {
            return notRun + " check(s) did not run: " + results.stream().filter(c -> c.status() == Outcome.NOT_RUN)
                    .findFirst().map(c -> c.message().replaceFirst("^not run: ", "")).orElse("");
        }
        if (!notCompiled.isEmpty()) {
            return "checks that do not compile against your code (" + String.join(", ", notCompiled.keySet()) + "): "
                    + signatureAdvice(changedApi);
        }
        return ALL_CHECKS_RAN;
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
