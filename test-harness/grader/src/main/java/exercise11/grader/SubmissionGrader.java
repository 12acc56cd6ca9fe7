package exercise11.grader;

import exercise11.grader.build.Build;
import exercise11.grader.build.Compilation;
import exercise11.grader.build.Policy;
import exercise11.grader.build.PolicyCheck;
import exercise11.grader.build.PublicApi;
import exercise11.grader.build.compiler.CompilerPool;
import exercise11.grader.intake.Intake;
import exercise11.grader.intake.Submission;
import exercise11.grader.progress.Phases;
import exercise11.grader.result.CheckResult;
import exercise11.grader.run.ChecksRun;
import exercise11.grader.run.ClassSharing;
import exercise11.grader.run.Confinement;
import exercise11.grader.run.ExpectedChecks;
import exercise11.grader.run.UnfitMachine;
import exercise11.grader.score.Rubric;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import java.io.IOException;
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
import java.util.stream.Stream;

/** Grade one submission: unpack, compile it and the checks, run the checks in a JVM of its own, score. */
public final class SubmissionGrader {

    /** Limits and inputs shared by every submission of a run. */
    public record Settings(List<Path> checkSources, Path checkResources, Rubric rubric, String harnessClasspath, long seed,
                           Duration timeLimit, Duration checkTimeout, CompilerPool compilers, int heapMegabytes,
                           Optional<Reference> reference, boolean containers, boolean sandbox,
                           Optional<Confinement> confinement) {

        /** What the run stage needs of these. */
        ChecksRun.Limits runLimits() {
            return new ChecksRun.Limits(harnessClasspath, seed, timeLimit, checkTimeout, heapMegabytes, containers, sandbox,
                    confinement);
        }

        /** Every check's source file. */
        List<Path> checkFiles() throws IOException {
            List<Path> files = new ArrayList<>();
            for (Path folder : checkSources) {
                files.addAll(Compilation.javaFiles(folder));
            }
            return files;
        }
    }

    /** The reason of a run in which every scored check reached a TODO stub. */
    static final String NOTHING_STARTED = "nothing started: every scored check reached a TODO stub";
    /** The reason of a run in which nothing went wrong. */
    private static final String ALL_CHECKS_RAN = "all checks ran";
    /** How the reason of a submission that does not compile begins. */
    public static final String COMPILE_ERROR = Build.COMPILE_ERROR;

    /**
     * The checks compiled once against the reference solution, for every submission whose public API is the
     * same: compiling them again against such a submission would give the same classes.
     */
    public record Reference(Set<String> api, Path checks, List<ExpectedChecks.Check> expected, Path starterSources,
                            PolicyCheck policy, Optional<ClassSharing> sharing) {

        /**
         * Compile the kit's solution and the checks against it under {@code work}; {@code starterSources} stand in
         * for a submission's files that do not compile. With {@code share}, also make the checks' JVM an archive of
         * the classes it loads ({@link ClassSharing}); what went wrong, if that could not be done, is said in
         * {@code notShared}.
         */
        public static Reference prepare(Path solutionSources, Path starterSources, Settings settings, Path work,
                                        boolean share, StringBuilder notShared) throws IOException {
            Path classes = work.resolve("classes");
            Compilation.Result solution = Compilation.compile(Compilation.javaFiles(solutionSources), "", classes);
            Path checks = work.resolve("checks");
            Compilation.Result compiled = solution.ok() ? Compilation.compile(settings.checkFiles(),
                    classes + java.io.File.pathSeparator + settings.harnessClasspath(), checks) : solution;
            if (!compiled.ok()) {
                throw new IllegalStateException("the kit's own solution and checks do not compile:\n" + compiled.errors());
            }
            copyTree(settings.checkResources(), checks);
            Optional<ClassSharing> sharing = Optional.empty();
            if (share) {
                // The solution's resources (its settings file) with its classes, as a submission's are.
                copyTree(solutionSources.resolveSibling("resources"), classes);
                sharing = ClassSharing.prepare(settings.runLimits(), checks, classes, work.resolve("sharing"), notShared);
            }
            return new Reference(PublicApi.of(classes), checks, ExpectedChecks.in(checks, settings.containers()), starterSources,
                    PolicyCheck.of(Policy.kit(), classes), sharing);
        }
    }

    private final Settings settings;
    private final Phases phases;

    /** A grader of submissions under {@code settings} that counts the time of each step to {@code phases}. */
    public SubmissionGrader(Settings settings, Phases phases) {
        this.settings = settings;
        this.phases = phases;
    }

    /** Where, in a submission's work folder, the Java sources the grader took from it lie (see Intake). */
    public static Path takenSources(Path work) {
        return work.resolve("taken").resolve("src/main/java");
    }

    /** Grade {@code submission}, working in {@code work}; the result records what was graded (see Submission#unpack). */
    public StudentResult grade(Submission submission, Path work) {
        java.util.concurrent.atomic.AtomicReference<Submission.Unpacked> unpacked = new java.util.concurrent.atomic.AtomicReference<>();
        StudentResult result = grade(submission, work, unpacked);
        return unpacked.get() == null ? result : result.withGraded(unpacked.get().graded(), unpacked.get().late());
    }

    private StudentResult grade(Submission submission, Path work, java.util.concurrent.atomic.AtomicReference<Submission.Unpacked> unpacked) {
        long start = System.nanoTime();
        try {
            deleteTree(work);
            Files.createDirectories(work);
            // Other users (the confined checks' user among them) may pass through, not look around.
            Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            unpacked.set(submission.unpack(work));
            if (unpacked.get().notGraded().isPresent()) {
                return new StudentResult(submission.student(), Status.NOT_GRADED, unpacked.get().notGraded().get(), List.of(),
                        seconds(start));
            }
            Optional<Path> found = unpacked.get().module();
            if (found.isEmpty()) {
                return error(submission, "no src/main/java folder: expected a copy of exercise-11-starter", start);
            }
            // Only what a student writes is taken, copied into a folder of the grader's own (see Intake).
            Intake.Taken taken = Intake.take(found.get(), work.resolve("taken")); // takenSources(work) is its src/main/java
            Path module = taken.module();
            String notTaken = taken.refused().isEmpty() ? ""
                    : "\nnot taken from your submission: " + String.join("; ", taken.refused());
            Path classes = work.resolve("classes");
            List<Path> sources = Compilation.javaFiles(module.resolve("src/main/java"));
            if (sources.isEmpty()) {
                return error(submission, "src/main/java/exercise11 holds no .java file that can be graded" + notTaken, start);
            }
            Reference reference = settings.reference().orElseThrow(() -> new IllegalStateException("no reference prepared"));
            phases.add(Phases.Phase.INTAKE, System.nanoTime() - start);
            Build.Built built = Build.submission(sources, module.resolve("src/main/java"), reference.starterSources(), classes,
                    settings.compilers(), reference.policy());
            phases.add(Phases.Phase.COMPILE, built.time().compileNanos());
            phases.add(Phases.Phase.POLICY, built.time().policyNanos());
            if (built.failure().isPresent()) {
                return error(submission, built.failure().get() + notTaken, start);
            }
            String compileErrors = built.compileErrors().orElse(null);
            List<PolicyCheck.Violation> violations = built.violations();
            String refusal = built.refusal();
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
                long compiling = System.nanoTime();
                notCompiled = compileChecks(classes, checks);
                copyTree(settings.checkResources(), checks);
                expected = ExpectedChecks.in(checks, settings.containers());
                phases.add(Phases.Phase.CHECKS_COMPILE, System.nanoTime() - compiling);
            }
            long running = System.nanoTime();
            ChecksRun.Reported run = ChecksRun.run(settings.runLimits(), classes, checks,
                    checks.equals(reference.checks()) ? reference.sharing() : Optional.empty(), work);
            long checksNanos = run.checksMillis() * 1_000_000;
            phases.add(Phases.Phase.CHECKS, checksNanos);
            phases.add(Phases.Phase.CHECKS_JVM, System.nanoTime() - running - checksNanos);
            if (run.machine().isPresent()) {
                throw new UnfitMachine(run.machine().get()); // no submission can be graded here: stop the whole run
            }
            List<CheckResult> results = new ArrayList<>(run.results(expected));
            if (!violations.isEmpty()) {
                Map<Integer, String> refusedTodos = refusedTodos(violations, reference.starterSources());
                results.replaceAll(check -> notGraded(check, refusedTodos));
            }
            List<Rubric.Scored> scored = new ArrayList<>(settings.rubric().score(results));
            scored.addAll(uncompiledChecks(notCompiled, changedApi));
            if (compileErrors != null) {
                return new StudentResult(submission.student(), Status.ERROR, COMPILE_ERROR + ": " + compileErrors
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
            if (ran.equals(ALL_CHECKS_RAN) && scored.stream().filter(s -> s.max() > 0).allMatch(s -> s.check().status() == Outcome.PENDING)) {
                ran = NOTHING_STARTED;
            }
            String reason = ran + run.notes() + notTaken;
            return new StudentResult(submission.student(), Status.GRADED, reason, scored, seconds(start));
        } catch (UnfitMachine e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return error(submission, "could not be graded: " + e.getMessage(), start);
        }
    }

    private Map<String, String> compileChecks(Path classes, Path checks) throws IOException {
        String classpath = classes + java.io.File.pathSeparator + settings.harnessClasspath();
        List<Path> all = settings.checkFiles();
        Map<String, String> notCompiled = new LinkedHashMap<>();
        if (Compilation.compileBounded(settings.compilers(), all, classpath, checks).ok()) {
            return notCompiled;
        }
        // One check class at a time, so a changed signature costs only the checks that use it. The checks' helpers
        // (the files that are no check class: ClientCulprits, InProcessProgram, ...) are compiled first, each alone,
        // and those that compile are on the checks' classpath.
        List<Path> helpers = all.stream().filter(source -> !isCheckClass(source)).toList();
        for (Path helper : helpers) {
            Compilation.compileBounded(settings.compilers(), List.of(helper), classpath, checks);
        }
        String withHelpers = classpath + java.io.File.pathSeparator + checks;
        for (Path source : all) {
            if (source.getFileName().toString().equals("GivenSignatures.java") || helpers.contains(source)) {
                continue; // the student's build stops at it; here the changed signatures are named from the API itself
            }
            Compilation.Result result = Compilation.compileBounded(settings.compilers(), List.of(source), withHelpers, checks);
            if (!result.ok()) {
                notCompiled.put(source.getFileName().toString().replace(".java", ""), result.errors());
            }
        }
        return notCompiled;
    }

    /** Whether {@code source} holds a check class ({@code ...Tests}, {@code ...Properties}) rather than a helper of the checks. */
    private static boolean isCheckClass(Path source) {
        String name = source.getFileName().toString();
        return name.endsWith("Tests.java") || name.endsWith("Properties.java") || name.equals("GivenSignatures.java");
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
        return new StudentResult(submission.student(), Status.ERROR, reason, none, seconds(start));
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
