package exercise11.grader;

import exercise11.grader.build.compiler.CompilerPool;
import exercise11.grader.gradebook.Gradebooks;
import exercise11.grader.gradebook.Roster;
import exercise11.grader.intake.Cohort;
import exercise11.grader.intake.Submission;
import exercise11.grader.progress.Phases;
import exercise11.grader.progress.Progress;
import exercise11.grader.report.Reports;
import exercise11.grader.report.RunFacts;
import exercise11.grader.report.SimilarityReport;
import exercise11.grader.run.ChecksRun;
import exercise11.grader.run.ClassSharing;
import exercise11.grader.run.Confinement;
import exercise11.grader.run.UnfitMachine;
import exercise11.grader.score.Rubric;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.grader.similarity.Similarity;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** The grader's command: grade a folder of submissions into per-student reports, a gradebook and a summary. */
public final class Grade {

    /** The checks' sources and resources, under the kit's root. */
    static final String CHECKS = "test-harness/checks";
    /** The cross-host checks, compiled only for {@code --containers}. */
    static final String CROSS_HOST_CHECKS = "test-harness/cross-host/checks";

    private Grade() {
    }

    /** Run the command; exit 0 when reports were written, 2 for a usage mistake, 1 when grading could not run. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Run the command line {@code args} as {@link #main} does, and return its exit code instead of exiting. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        try {
            return run(Options.parse(args), out, err);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + " (grade --help lists the options)");
            return 2;
        } catch (UnfitMachine e) {
            err.println("error: " + e.getMessage());
            return UnfitMachine.EXIT_CODE;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Grade (or merge) as {@code options} say; return the exit code. */
    public static int run(Options options, PrintStream out, PrintStream err) throws IOException {
        if (options.help()) {
            out.print(Options.usage());
            return 0;
        }
        if (!options.merge().isEmpty()) {
            return merge(options, out, err);
        }
        // A roster's mistake stops the run before anyone is graded.
        Optional<Roster> roster = options.gradebooks().map(Gradebooks::roster);
        // --only regrades into an output there already; otherwise a run's output is never put beside another's.
        boolean only = !options.only().isEmpty();
        Optional<Reports.Run> before = only ? Optional.of(Output.facts(options.out(), "--out")) : Optional.empty();
        if (only) {
            Regrade.selected(Cohort.read(options.cohort()).submissions(), options.only(), options.cohort());
        } else {
            Output.checkReuse(options.out(), options.force(), false);
        }
        // Grading never skips a check: a machine without what some checks rest on stops the run before it starts.
        ChecksRun.requireFitMachine(options.sandbox(), absoluteClasspath());
        List<Path> oldWork = Output.workOf(options.out());
        Files.createDirectories(options.out());
        Path kit = options.kit().orElseGet(Grade::kitRoot);
        Path checks = kit.resolve(CHECKS);
        if (!Files.isDirectory(checks.resolve("java"))) {
            throw new IllegalArgumentException("no checks under " + checks + "; give the kit's root with --kit");
        }
        List<Path> checkSources = new ArrayList<>(List.of(checks.resolve("java"), checks.resolve("hidden/java")));
        if (options.containers()) {
            checkSources.add(kit.resolve(CROSS_HOST_CHECKS).resolve("java"));
        }
        RubricChoice chosenRubric = RubricChoice.read(options.rubric(), kit);
        Rubric rubric = chosenRubric.rubric();
        // A regrade draws the property checks' values of the run it joins, unless told otherwise.
        long seed = options.seed().orElseGet(() -> before.map(Reports.Run::seed).orElseGet(() -> ThreadLocalRandom.current().nextLong()));
        // As root without a sandbox, the checks run confined, as another user (see Confinement); the cross-host checks
        // need Docker, which that user must not reach, so --containers runs them with the grader's own rights.
        if (options.runAs().isPresent() && (options.sandbox() || options.containers())) {
            throw new IllegalArgumentException("--run-as applies without --sandbox and --containers");
        }
        Optional<Confinement> confinement = options.sandbox() || options.containers() ? Optional.empty()
                : Confinement.forUser(options.runAs());
        String checksRan = options.sandbox() ? "in a locked-down container each (--sandbox)"
                : options.containers() ? "with the grader's own rights, since --containers needs Docker: not confined"
                : confinement.map(Confinement::describe).orElse("with the grader's own rights: not confined, since the"
                        + " grader did not run as root (grade as root or with --sandbox)");
        // Every entry of the folder is a submission, a student not graded (with the reason) or litter listed as ignored.
        String[] shard = options.shard().split("/");
        Cohort whole = Cohort.read(options.cohort(), options.deadline());
        Cohort cohort = only ? new Cohort(Regrade.selected(whole.submissions(), options.only(), options.cohort()), List.of(),
                whole.ignored(), whole.refused()) : whole.shard(Integer.parseInt(shard[0]), Integer.parseInt(shard[1]));
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        cohort.refused().forEach(entry -> refused.put(entry.entry(), entry.reason()));
        Reports.Run run = new Reports.Run(kitVersion(), Runtime.version().toString(), seed,
                before.map(Reports.Run::shard).orElse(options.shard()), rubric.maxScore(), options.showHidden(), now(), checksRan,
                chosenRubric.name(), rubric.sha256(), Regrade.checksSha256(checks), "", "", cohort.ignored(),
                options.deadline().map(Submission::shown).orElse(""), java.util.Collections.unmodifiableMap(refused));
        String mixed = before.isPresent() ? Regrade.checkSameRun(before.get(), run, options.force(), "--out " + options.out()) : "";
        chosenRubric.notice().ifPresent(err::println);
        if (!cohort.ignored().isEmpty()) {
            err.println("ignored (" + Cohort.IGNORED_WHY + "): " + String.join(", ", cohort.ignored()));
        }
        cohort.refused().forEach(entry -> err.println("refused: " + printable(entry.entry()) + " (" + entry.reason() + ")"));
        Path work = Files.createDirectories(options.out().resolve("work"));
        if (confinement.isPresent()) {
            work = confinement.get().workFolder(work);
        }
        err.println("each submission's checks run " + checksRan);
        String harnessClasspath = confinement.isPresent() ? readableCopy(absoluteClasspath(), work.resolve(".lib")) : absoluteClasspath();
        // Warm compiler processes for the submissions, started with the first compile and ended with the run.
        CompilerPool compilers = new CompilerPool(options.compileLimit());
        SubmissionGrader.Settings settings = new SubmissionGrader.Settings(checkSources,
                checks.resolve("resources"), rubric, harnessClasspath, seed, options.timeLimit(), options.checkTimeout(),
                compilers, options.heapMegabytes(), Optional.empty(), options.containers(), options.sandbox(), confinement);
        Path referenceWork = work.resolve(".reference");
        SubmissionGrader.deleteTree(referenceWork);
        // An archive of the classes the checks' JVM loads, for a cohort large enough to repay making it; not in the
        // sandbox (whose JVM is another machine's) nor with Docker's checks (whose classes a run of the solution here
        // would not load).
        boolean share = (options.classSharing().equals("on")
                || options.classSharing().equals("auto") && cohort.submissions().size() >= ClassSharing.FROM_SUBMISSIONS)
                && !options.sandbox() && !options.containers();
        StringBuilder notShared = new StringBuilder();
        SubmissionGrader.Reference reference = SubmissionGrader.Reference.prepare(
                kit.resolve("exercise-11-solution/src/main/java"), kit.resolve("exercise-11-starter/src/main/java"),
                settings, referenceWork, share, notShared);
        if (reference.sharing().isPresent()) {
            err.printf(Locale.ROOT, "class sharing: each checks' JVM maps an archive of %d classes, made for this run in %.1f s%n",
                    reference.sharing().get().classes(), reference.sharing().get().seconds());
        } else if (share) {
            err.println("class sharing: not used (" + notShared + "); the checks' JVMs load every class themselves");
        } else if (options.classSharing().equals("on")) {
            err.println("class sharing: not used with " + (options.sandbox() ? "--sandbox" : "--containers")
                    + " (the checks' JVM there loads classes this run's archive would not hold)");
        }
        try {
            chosenRubric.checkNames(reference.checks(), kit);
        } catch (IllegalArgumentException e) {
            SubmissionGrader.deleteTree(work);
            throw e;
        }
        if (options.force() && !only) {
            // Replaced whole, now that nothing can refuse the run; this run's own compiled checks and libraries stay.
            Path lib = work.resolve(".lib");
            Output.clear(options.out(), oldWork.stream().filter(p -> !p.equals(referenceWork) && !p.equals(lib)).toList());
        }
        openToAll(work);
        Phases phases = new Phases();
        SubmissionGrader grader = new SubmissionGrader(new SubmissionGrader.Settings(settings.checkSources(),
                settings.checkResources(), rubric, settings.harnessClasspath(), seed, settings.timeLimit(),
                settings.checkTimeout(), compilers, settings.heapMegabytes(), Optional.of(reference),
                settings.containers(), settings.sandbox(), confinement), phases);
        List<StudentResult> results;
        try (compilers) {
            results = gradeAll(cohort.submissions(), grader, phases, run, options, work, err);
        }
        if (!cohort.submissions().isEmpty()) {
            err.println(phases.summary());
        }
        for (Cohort.NotGraded entry : cohort.notGraded()) {
            StudentResult result = new StudentResult(entry.student(), Status.NOT_GRADED, entry.reason(), List.of(), 0);
            Reports.writeStudent(result, run, options.out().resolve("students").resolve(Reports.folderOf(entry.student())));
            err.println("not graded: " + entry.student() + " (" + entry.reason() + ")");
            results.add(result);
        }
        results.sort(Comparator.comparing(StudentResult::student));
        if (options.keepWork() && !work.startsWith(options.out())) {
            err.println("the work folder (kept) is " + work + ": the checks' user could not enter " + options.out());
        }
        if (only) {
            // The cohort files, rebuilt from every student's record: those regraded now and the others as they were.
            Reports.Run joined = before.get().withRegraded((before.get().regraded().isEmpty() ? "" : before.get().regraded() + "; ")
                    + String.join(", ", cohort.submissions().stream().map(Submission::student).toList()) + " at " + run.started()
                    + (mixed.isEmpty() ? "" : " with " + mixed));
            List<StudentResult> everyone = new ArrayList<>(Output.records(options.out()));
            everyone.sort(Comparator.comparing(StudentResult::student));
            Optional<String> imports = imports(everyone, joined, roster, options, err);
            Reports.writeCohort(everyone, joined, options.out(), similarity(options, everyone, kit, err), imports);
            writeRunFacts(joined, options.out());
        } else {
            boolean unsharded = options.shard().equals("1/1");
            if (!unsharded && roster.isPresent()) {
                err.println("gradebook imports: made when the shards are merged (--merge with --roster), over the whole cohort");
            }
            Optional<String> imports = unsharded ? imports(results, run, roster, options, err) : Optional.empty();
            Reports.writeCohort(results, run, options.out(), unsharded ? similarity(options, results, kit, err)
                    : leftToMerge(options, err), imports);
            writeRunFacts(run, options.out());
        }
        if (results.isEmpty()) {
            if (!options.shard().equals("1/1") && !whole.isEmpty()) {
                // A cohort smaller than the number of shards leaves some empty: nothing to do is not a failure.
                out.printf(Locale.ROOT, "Shard %s of %s holds no submission; wrote an empty gradebook to %s%n",
                        options.shard(), options.cohort(), options.out());
                return 0;
            }
            err.println("error: no submission to grade in " + options.cohort()
                    + (cohort.ignored().isEmpty() ? "" : " (ignored: " + String.join(", ", cohort.ignored()) + ")")
                    + (cohort.refused().isEmpty() ? "" : " (refused: " + cohort.refused().size() + ", listed above)"));
            return 1;
        }
        long graded = results.stream().filter(r -> r.status() == Status.GRADED).count();
        if (graded == 0 && results.stream().noneMatch(r -> r.status() == Status.ERROR && r.reason().startsWith(SubmissionGrader.COMPILE_ERROR))) {
            err.println("error: could grade none of the " + results.size() + " submission(s): "
                    + results.get(0).reason().lines().findFirst().orElse("") + " (reports in " + options.out() + ")");
            return 1;
        }
        if (only) {
            out.printf(Locale.ROOT, "Regraded %d submission(s) into %s; its cohort files (index.html, gradebook.csv, summary.md)"
                    + " now hold %d%n", results.size(), options.out(), Output.records(options.out()).size());
            return 0;
        }
        long notGraded = results.stream().filter(r -> r.status() == Status.NOT_GRADED).count();
        out.printf(Locale.ROOT, "Graded %d submission(s) into %s (index.html, gradebook.csv, summary.md, students/)%s%n",
                results.size() - notGraded, options.out(), notGraded + cohort.ignored().size() == 0 ? ""
                        : String.format(Locale.ROOT, "; not graded: %d, ignored: %d (listed in summary.md)", notGraded,
                                cohort.ignored().size()));
        return 0;
    }

    private static List<StudentResult> gradeAll(List<Submission> cohort, SubmissionGrader grader, Phases phases,
                                                Reports.Run run, Options options, Path work, PrintStream err)
            throws IOException {
        long deadline = System.nanoTime() + options.totalTimeLimit().toNanos();
        AtomicInteger done = new AtomicInteger();
        Progress progress = Progress.of(err, cohort.size());
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs());
        List<Future<StudentResult>> futures = new ArrayList<>();
        for (Submission submission : cohort) {
            futures.add(pool.submit(() -> {
                StudentResult result = System.nanoTime() > deadline
                        ? new StudentResult(submission.student(), Status.NOT_GRADED, "the whole run's time limit was reached first", List.of(), 0)
                        : grader.grade(submission, work.resolve(Reports.folderOf(submission.student())));
                long reporting = System.nanoTime();
                // A student's folder holds one run's reports only, with the facts of the run that graded that student.
                Path folder = options.out().resolve("students").resolve(Reports.folderOf(submission.student()));
                SubmissionGrader.deleteTree(folder);
                Reports.writeStudent(result, run.gradedAt(nowPrecisely()), folder);
                // The code graded, kept for the similarity report of this run, a regrade's or a merge's.
                Similarity.keep(SubmissionGrader.takenSources(work.resolve(Reports.folderOf(submission.student()))), folder);
                phases.add(Phases.Phase.REPORTS, System.nanoTime() - reporting);
                phases.submissionDone();
                progress.done(String.format(Locale.ROOT, "[%3d/%d] %-24s %5.1f %%  %s (%.1f s)", done.incrementAndGet(),
                        cohort.size(), submission.student(), Reports.percent(result.score(), run.maxScore()), result.status(),
                        result.seconds()));
                return result;
            }));
        }
        pool.shutdown();
        List<StudentResult> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                results.add(futures.get(i).get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof UnfitMachine unfit) {
                    pool.shutdownNow();
                    progress.finish();
                    SubmissionGrader.deleteTree(work);
                    throw unfit;
                }
                results.add(StudentResult.graderFailed(cohort.get(i).student(), e));
            } catch (Exception e) {
                results.add(StudentResult.graderFailed(cohort.get(i).student(), e));
            }
        }
        progress.finish();
        if (!options.keepWork()) {
            SubmissionGrader.deleteTree(work);
        }
        return results;
    }

    private static int merge(Options options, PrintStream out, PrintStream err) throws IOException {
        Optional<Roster> roster = options.gradebooks().map(Gradebooks::roster);
        List<StudentResult> results = new ArrayList<>();
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        Reports.Run run = null;
        List<String> shards = new ArrayList<>();
        java.util.Set<String> ignored = new java.util.TreeSet<>();
        List<Regrade.Found> found = new ArrayList<>();
        for (Path part : options.merge()) {
            if (options.out().startsWith(part)) {
                throw new IllegalArgumentException("--out " + options.out() + " is one of the outputs to merge (or inside one):"
                        + " give the merge a folder of its own");
            }
            Reports.Run facts = Output.facts(part, "--merge");
            if (run != null) {
                Regrade.checkSameRun(run, facts, options.force(), options.merge().get(0).toString());
            }
            run = run == null ? facts : run;
            shards.add(facts.shard());
            ignored.addAll(facts.ignored());
            refused.putAll(facts.refused());
            found.addAll(Regrade.studentsOf(part, shards.size() - 1, facts));
        }
        List<String> chosen = new ArrayList<>();
        java.util.Map<String, Regrade.Found> winners = Regrade.choose(found, options.prefer(), chosen);
        Output.checkReuse(options.out(), options.force(), true);
        if (options.force()) {
            Output.clear(options.out(), Output.workOf(options.out()));
        }
        Files.createDirectories(options.out());
        for (Regrade.Found winner : winners.values()) {
            results.add(Reports.readRaw(winner.from().resolve(Output.RECORD)));
            SubmissionGrader.copyTree(winner.from(), options.out().resolve("students").resolve(winner.folder()));
        }
        results.sort(Comparator.comparing(StudentResult::student));
        Reports.Run merged = new Reports.Run(run.kitVersion(), run.jdk(), run.seed(), "merged " + String.join(" + ", shards),
                run.maxScore(), run.showHidden(), now(), run.checksRan(), run.rubric(), run.rubricSha256(), run.checksSha256(),
                "", String.join("; ", chosen), List.copyOf(ignored), run.deadline(), java.util.Collections.unmodifiableMap(refused));
        Optional<String> imports = imports(results, merged, roster, options, err);
        Reports.writeCohort(results, merged, options.out(), similarity(options, results, options.kit().orElseGet(Grade::kitRoot), err),
                imports);
        writeRunFacts(merged, options.out());
        out.printf(Locale.ROOT, "Merged %d submission(s) from %d output(s) into %s%n", results.size(), options.merge().size(), options.out());
        return 0;
    }

    /**
     * The similarity report of {@code results}, from the code kept in each student's folder, the starter's given code
     * left out; empty with {@code --no-similarity}. Said on standard error in one line.
     */
    private static Optional<SimilarityReport> similarity(Options options, List<StudentResult> results, Path kit, PrintStream err)
            throws IOException {
        if (!options.similarity()) {
            return Optional.empty();
        }
        Path scratch = Files.createTempDirectory("exercise11-similarity");
        try {
            List<String> folders = results.stream().map(r -> Reports.folderOf(r.student())).toList();
            Similarity.Comparison comparison = Similarity.compare(options.out().resolve("students"), folders,
                    kit.resolve("exercise-11-starter/src/main/java"), scratch);
            SimilarityReport report = SimilarityReport.of(comparison, options.similarityThreshold());
            err.printf(Locale.ROOT, "similarity: %d submissions compared in %.1f s, %d pair(s) at or above %.0f %% marked%s%n",
                    comparison.highest().size(), comparison.seconds(), report.marked(), 100 * options.similarityThreshold(),
                    comparison.note().isEmpty() ? "" : " (" + comparison.note() + ")");
            return Optional.of(report);
        } finally {
            SubmissionGrader.deleteTree(scratch);
        }
    }

    /**
     * The gradebook imports of {@code results}, when a roster was given: said on standard error in one line, and
     * returned in words for the cohort's page.
     */
    private static Optional<String> imports(List<StudentResult> results, Reports.Run run, Optional<Roster> roster,
                                            Options options, PrintStream err) throws IOException {
        if (roster.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(options.out());
        Gradebooks.Written written = Gradebooks.write(results, run.maxScore(), roster.get(), options.gradebooks().get(), options.out());
        err.println(written.summary());
        return Optional.of(written.inWords());
    }

    /** A name as one line of the terminal shows it: control characters as {@code ?}. */
    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    private static Optional<SimilarityReport> leftToMerge(Options options, PrintStream err) {
        if (options.similarity()) {
            err.println("similarity: made when the shards are merged (--merge), over the whole cohort");
        }
        return Optional.empty();
    }

    private static void writeRunFacts(Reports.Run run, Path out) throws IOException {
        RunFacts.write(run, out.resolve(RunFacts.FILE));
    }

    /** The time now, to the second, in UTC, as reports record when a run started. */
    private static String now() {
        return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** The time now, to the millisecond, in UTC, as a student's facts record when that student was graded. */
    private static String nowPrecisely() {
        return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    /** Return this JVM's classpath with absolute entries, since each submission's JVM runs in a folder of its own. */
    private static String absoluteClasspath() {
        return String.join(File.pathSeparator, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                // the chart library draws the grader's reports; the checks' JVM has no use for it
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("jfree")
                        && !Path.of(entry).getFileName().toString().startsWith("org.jfree"))
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString()).toList());
    }

    /**
     * Copy every entry of {@code classpath} into {@code folder}, readable by every user (the confined checks' user
     * cannot read a local Maven repository under /root), and return the copies' classpath.
     */
    private static String readableCopy(String classpath, Path folder) throws IOException {
        List<String> copies = new ArrayList<>();
        int n = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            Path from = Path.of(entry);
            Path to = folder.resolve((n++) + "-" + from.getFileName());
            if (Files.isDirectory(from)) {
                SubmissionGrader.copyTree(from, to);
            } else if (Files.isRegularFile(from)) {
                Files.createDirectories(folder);
                Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue;
            }
            copies.add(to.toString());
        }
        return String.join(File.pathSeparator, copies);
    }

    /** Let every user read (not write) what is under {@code folder}: the shared classpath and the compiled checks. */
    private static void openToAll(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static Path kitRoot() {
        try {
            Path classes = Path.of(Grade.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path at = classes; at != null; at = at.getParent()) {
                if (Files.isDirectory(at.resolve(CHECKS).resolve("java"))) {
                    return at;
                }
            }
        } catch (java.net.URISyntaxException e) {
            // fall through to the working directory
        }
        return Path.of(".").toAbsolutePath().normalize();
    }

    private static String kitVersion() {
        try (InputStream in = Grade.class.getResourceAsStream("/exercise11/grader/kit.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
