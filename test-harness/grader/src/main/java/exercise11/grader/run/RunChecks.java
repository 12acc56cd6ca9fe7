package exercise11.grader.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import exercise11.grader.result.CheckResult;
import exercise11.harness.Outcome;
import exercise11.harness.ProgressSummary;
import exercise11.harness.Todo;
import exercise11.harness.platform.Finding;
import exercise11.harness.platform.OnThisMachine;
import exercise11.harness.platform.Probe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Run the compiled checks in this JVM (started by the grader for one submission) and write one line per check.
 *
 * <p>Usage: {@code RunChecks <checks classes dir> <results file> <key file>}. The key file is read and deleted before
 * any check runs; every line of the results is signed with it ({@link ResultChannel}). The results first get a
 * {@code PLAN} line for every check, then a {@code DONE} line as each finishes, flushed at once, so a run cut short
 * by a time limit still tells which checks finished. They never share the submission's output stream (in a sandbox
 * too, the file is in a folder mounted for it). What the submission prints is capped here, at the source, at
 * {@link #MAX_OUTPUT_BYTES}; the rest is counted and dropped, and an {@code OUTPUT} line says how much there was.
 */
public final class RunChecks {

    /** System property naming the tags (comma-separated) of checks to leave out, such as {@code containers}. */
    public static final String EXCLUDED_TAGS = "exercise11.grader.excludedTags";
    /** How much of what the checks' JVM prints (standard output and error together) is kept. */
    public static final long MAX_OUTPUT_BYTES = 1024 * 1024;
    /** The kit's own JUnit extensions: the only ones taken from the classpath (see junit-platform.properties). */
    private static final String EXTENSIONS =
            "exercise11.harness.PendingTodos,exercise11.harness.NamedFailures,exercise11.harness.Dependencies,"
            + "exercise11.harness.platform.OnThisMachine";
    /** How much of a check's message is kept: enough for any failure the checks describe, not a flood of output. */
    private static final int MAX_MESSAGE_CHARS = 8 * 1024;
    /** How the line begins that says this machine cannot grade, and why; the run has no other line then. */
    static final String MACHINE = "MACHINE\t";

    private RunChecks() {
    }

    /** Run the checks; always ends the JVM, so threads a submission leaves behind cannot keep it alive. */
    public static void main(String[] args) throws IOException {
        Path checks = Path.of(args[0]);
        Path keyFile = Path.of(args[2]);
        ResultChannel channel = new ResultChannel(Files.readAllBytes(keyFile));
        Files.delete(keyFile); // gone before any of the submission's code runs
        // Opened before any check runs, so nothing the submission does later can take the results with it.
        try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            ResultWriter results = new ResultWriter(out, channel);
            // A grading run never skips a check: probe, before any of the submission's code runs, what the checks rest
            // on; a machine without it stops the run here (the grader stops the whole grading).
            System.setProperty(OnThisMachine.GRADING_PROPERTY, "true");
            List<String> unfit = Probe.all().stream().filter(f -> !f.holds()).map(Finding::cannotGrade).toList();
            if (!unfit.isEmpty()) {
                results.write(MACHINE + String.join(" | ", unfit));
                return;
            }
            CappedOutput printed = CappedOutput.install(MAX_OUTPUT_BYTES,
                    () -> results.write("OUTPUT\tcut at " + MAX_OUTPUT_BYTES + " bytes"));
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(checks)))
                    .configurationParameter("junit.jupiter.extensions.autodetection.include", EXTENSIONS);
            String excluded = System.getProperty(EXCLUDED_TAGS, "").trim();
            if (!excluded.isEmpty()) {
                request.filters(TagFilter.excludeTags(excluded.split(",")));
            }
            // Only the engines come from the classpath; no listener, filter or session listener is looked up there.
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .build());
            launcher.execute(request.build(), results);
            results.write("OUTPUT\t" + printed.total());
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }

    private static String bounded(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + "\n... (" + (message.length() - MAX_MESSAGE_CHARS) + " more characters cut)";
    }

    /** Write the plan, then each check's outcome (the worst of its invocations) when it ends. */
    private static final class ResultWriter implements TestExecutionListener {
        private final Writer out;
        private final ResultChannel channel;
        private final Map<String, CheckResult> checks = new LinkedHashMap<>();
        private final Map<String, Long> startedAt = new HashMap<>();
        /** The checks that have reported an outcome; the others are still as planned (not run). */
        private final Set<String> recorded = new HashSet<>();
        private TestPlan plan;

        ResultWriter(Writer out, ResultChannel channel) {
            this.out = out;
            this.channel = channel;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
            List<TestIdentifier> all = new ArrayList<>();
            testPlan.getRoots().forEach(root -> all.addAll(testPlan.getDescendants(root)));
            for (TestIdentifier id : all) {
                method(id).ifPresent(source -> {
                    CheckResult check = new CheckResult(source.getClassName(), source.getMethodName(), nameOf(id),
                            todosOf(id), Outcome.NOT_RUN, "", 0);
                    if (checks.putIfAbsent(keyOf(source), check) == null) {
                        write("PLAN\t" + check.toLine());
                    }
                });
            }
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            method(id).ifPresent(source -> startedAt.putIfAbsent(keyOf(source), System.nanoTime()));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            method(id).ifPresent(source -> {
                record(source, Outcome.SKIPPED, bounded(reason));
                if (!isTemplateInvocation(id)) {
                    flush(source);
                }
            });
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Optional<MethodSource> source = method(id);
            if (source.isEmpty()) {
                return;
            }
            String message = result.getThrowable().map(Outcome::reasonOf).map(RunChecks::bounded).orElse("");
            Outcome status = Outcome.of(result);
            if (status == Outcome.FAILED && Todo.stubIn(result.getThrowable().orElseThrow()).isPresent()) {
                status = Outcome.PENDING; // a stub reached where stubs fail: not done, rather than done wrong
            }
            if (status == Outcome.NOT_ON_THIS_MACHINE) {
                // The machine was probed before any check ran, so only the submission's own code can end a check so.
                status = Outcome.FAILED;
                message = "ended as 'not on this machine', which a grading run never gives: " + message;
            }
            record(source.get(), status, message);
            if (!isTemplateInvocation(id)) {
                flush(source.get()); // a plain check, or the end of a parameterized one
            }
        }

        private void record(MethodSource source, Outcome status, String message) {
            checks.computeIfPresent(keyOf(source), (k, check) ->
                    recorded.add(k) || rank(status) > rank(check.status()) ? check.with(status, message) : check);
        }

        private void flush(MethodSource source) {
            CheckResult check = checks.get(keyOf(source));
            if (check != null && recorded.contains(keyOf(source))) {
                Long start = startedAt.get(keyOf(source));
                long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
                write("DONE\t" + new CheckResult(check.className(), check.method(), check.name(), check.todos(),
                        check.status(), check.message(), millis).toLine());
            }
        }

        private static int rank(Outcome status) {
            return switch (status) {
                case PASSED -> 0;
                case NOT_RUN, SKIPPED, NOT_ON_THIS_MACHINE -> 1;
                case PENDING -> 2;
                case FAILED, ERROR -> 3;
            };
        }

        private boolean isTemplateInvocation(TestIdentifier id) {
            return id.getParentId().map(plan::getTestIdentifier).flatMap(ResultWriter::method).isPresent();
        }

        synchronized void write(String line) {
            try {
                out.write(channel.sign(line));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String nameOf(TestIdentifier id) {
            List<String> parts = new ArrayList<>();
            for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
                if (at.get().getParentId().isPresent()) {
                    parts.add(0, at.get().getDisplayName());
                }
            }
            return String.join(" > ", parts);
        }

        private static List<Integer> todosOf(TestIdentifier id) {
            List<Integer> todos = new ArrayList<>();
            for (TestTag tag : id.getTags()) {
                if (tag.getName().startsWith(ProgressSummary.TODO_TAG)) {
                    todos.add(Integer.parseInt(tag.getName().substring(ProgressSummary.TODO_TAG.length())));
                }
            }
            todos.sort(null);
            return List.copyOf(todos);
        }

        private static Optional<MethodSource> method(TestIdentifier id) {
            return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        }

        private static String keyOf(MethodSource source) {
            return source.getClassName() + "#" + source.getMethodName();
        }
    }
}
