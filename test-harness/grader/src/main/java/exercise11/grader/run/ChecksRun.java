package exercise11.grader.run;

import exercise11.grader.result.CheckResult;
import exercise11.harness.Bounds;
import exercise11.harness.Dependencies;
import exercise11.harness.Outcome;
import exercise11.harness.containers.RequiresDocker;
import exercise11.harness.platform.Finding;
import exercise11.harness.platform.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

/**
 * The run stage's entry point: run one submission's compiled checks in a JVM of their own (confined as another user
 * when the grader is root, or in the locked-down sandbox container) and read back, verified, what they reported.
 */
public final class ChecksRun {

    /** The limits and inputs of a run, the same for every submission of a grading run. */
    public record Limits(String harnessClasspath, long seed, Duration timeLimit, Duration checkTimeout, int heapMegabytes,
                         boolean containers, boolean sandbox, Optional<Confinement> confinement) {
    }

    private ChecksRun() {
    }

    /**
     * Make sure the machine the checks will run on (this one, or the sandbox's container) shows what the checks rest
     * on ({@link Probe}); throw {@link UnfitMachine} with the reasons when it does not.
     */
    public static void requireFitMachine(boolean sandbox, String harnessClasspath) {
        List<String> unfit;
        if (sandbox) {
            Sandbox probe = Sandbox.withModules(SANDBOX_MODULES).memoryMb(256).cpus(1).pids(64).timeLimit(Duration.ofMinutes(1));
            List<String> classpath = new ArrayList<>();
            int n = 0;
            for (String entry : harnessClasspath.split(java.io.File.pathSeparator)) {
                String inside = "/work/lib/" + (n++) + "-" + Path.of(entry).getFileName();
                probe.mount(Path.of(entry), inside);
                classpath.add(inside);
            }
            Sandbox.Result result = probe.run("-XX:-UsePerfData", "-cp", String.join(":", classpath), Probe.class.getName());
            unfit = result.exitCode() == 0 ? List.of() : result.stdout().isEmpty()
                    ? List.of("the probe of the sandbox's loopback failed: " + result.transcript()) : result.stdout();
        } else {
            unfit = Probe.all().stream().filter(f -> !f.holds()).map(Finding::cannotGrade).toList();
        }
        if (!unfit.isEmpty()) {
            throw new UnfitMachine(String.join("; and ", unfit));
        }
    }

    /**
     * Run the checks in {@code checks} against the submission's {@code classes}, working in {@code work}, with the
     * archive of {@code sharing} when it was made for these checks (not in the sandbox).
     */
    public static Reported run(Limits limits, Path classes, Path checks, Optional<ClassSharing> sharing, Path work)
            throws IOException {
        return limits.sandbox() ? inSandbox(limits, classes, checks, work) : confined(limits, classes, checks, sharing, work);
    }

    private static final long MAX_LOG_BYTES = 256 * 1024;
    /** Without {@code --containers}, the checks' JVM gets no way to Docker. */
    private static final List<String> DOCKER_VARIABLES = List.of("DOCKER_HOST", "TESTCONTAINERS_RYUK_DISABLED",
            "TESTCONTAINERS_CHECKS_DISABLE", "TESTCONTAINERS_HOST_OVERRIDE", "EXERCISE11_REQUIRE_DOCKER");
    /** The JDK modules the checks' JVM needs: the harness and JUnit use logging and, for a few checks, JFR-free management. */
    private static final Set<String> SANDBOX_MODULES = Set.of("java.base", "java.logging", "java.management", "jdk.unsupported");

    /**
     * What one run of the checks left: the verified lines of its results file, how many lines did not verify, and why
     * it may have been cut short.
     */
    public record Reported(List<String> lines, int rejected, String whyCut) {

        /** Why the machine cannot grade, when the checks' JVM found so before running any check. */
        public Optional<String> machine() {
            return lines.stream().filter(line -> line.startsWith(RunChecks.MACHINE))
                    .map(line -> line.substring(RunChecks.MACHINE.length())).findFirst();
        }

        /** The milliseconds the reported checks took by their own reports (what of the run was not the JVM's). */
        public long checksMillis() {
            return lines.stream().filter(line -> line.startsWith("DONE\t")).mapToLong(line -> {
                try {
                    return Math.max(0, CheckResult.fromLine(line.substring(5)).millis());
                } catch (RuntimeException e) {
                    return 0; // a verified line is the runner's own; one that does not parse counts no time
                }
            }).sum();
        }

        /** How many checks reported an outcome. */
        public int reported() {
            return (int) lines.stream().filter(line -> line.startsWith("DONE\t")).count();
        }

        /**
         * The result of every check in {@code expected}, the grader's own list: each must be reported once; one that
         * was not did not run, and what is reported beyond the list is ignored.
         */
        public List<CheckResult> results(List<ExpectedChecks.Check> expected) {
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
        public String notes() {
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

    private static Reported confined(Limits settings, Path classes, Path checks, Optional<ClassSharing> sharing, Path work)
            throws IOException {
        Path resultsDir = Files.createDirectories(work.resolve("results"));
        Path runDir = Files.createDirectories(work.resolve("run"));
        byte[] key = ResultChannel.newKey();
        Files.write(resultsDir.resolve("key"), key);
        String sep = java.io.File.pathSeparator;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(settings, classes.toString()));
        sharing.ifPresent(archive -> command.addAll(archive.jvmOptions()));
        // The harness and JUnit come first on the classpath, then the checks, and the submission's classes last, so
        // that nothing a submission compiles can stand in for a class of theirs.
        String kits = sharing.map(ClassSharing::classpath).orElse(settings.harnessClasspath() + sep + checks);
        Path checksRoot = sharing.map(ClassSharing::checksJar).orElse(checks);
        command.addAll(List.of("-XX:-UsePerfData", "-Djava.io.tmpdir=" + runDir, "-cp", kits + sep + classes,
                RunChecks.class.getName(), checksRoot.toString(), resultsDir.resolve("results.tsv").toString(),
                resultsDir.resolve("key").toString()));
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
                sharing.ifPresent(archive -> reads.add(archive.folder()));
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
    private static Reported inSandbox(Limits settings, Path classes, Path checks, Path work) throws IOException {
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
        List<String> args = new ArrayList<>(jvmOptions(settings, "/work/classes"));
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

    /** The options of a checks' JVM: its limits, the seed, where the submission's classes lie. */
    static List<String> jvmOptions(Limits settings, String classes) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + settings.heapMegabytes() + "m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xss1m", "-Dfile.encoding=ISO-8859-1",
                "-Dexercise11.classes=" + classes, "-Dexercise11.seed=" + settings.seed(),
                "-Djunit.jupiter.execution.timeout.default=" + settings.checkTimeout().toSeconds() + " s",
                "-D" + Bounds.SCALE_PROPERTY + "=" + Bounds.scale()));
        if (!settings.containers()) {
            options.add("-D" + RunChecks.EXCLUDED_TAGS + "=" + RequiresDocker.TAG);
        }
        return options;
    }

    /** Read and verify a results file; a last line cut short when the JVM was stopped is left out. */
    static Reported readRun(Path file, byte[] key, String whyCut) throws IOException {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new Reported(List.of(), 0, whyCut);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        ResultChannel.Verified verified = new ResultChannel(key).verify(lines);
        return new Reported(verified.lines(), verified.rejected(), whyCut);
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
}
