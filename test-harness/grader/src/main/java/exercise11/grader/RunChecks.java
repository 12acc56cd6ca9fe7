package exercise11.grader;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import exercise11.harness.Outcome;
import exercise11.harness.ProgressSummary;
import exercise11.harness.Todo;
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
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Run the compiled checks in this JVM (started by the grader for one submission) and write one line per check.
 *
 * <p>Usage: {@code RunChecks <checks classes dir> <results file>}. The results first get a {@code PLAN} line for
 * every check, then a {@code DONE} line as each finishes, flushed at once, so a run cut short by a time limit or a
 * {@code System.exit} in the submission still tells which checks finished. They never share the submission's
 * output stream (in a sandbox too, the file is in a folder mounted for it).
 */
public final class RunChecks {

    /** System property naming the tags (comma-separated) of checks to leave out, such as {@code containers}. */
    public static final String EXCLUDED_TAGS = "exercise11.grader.excludedTags";

    private RunChecks() {
    }

    /** Run the checks; always ends the JVM, so threads a submission leaves behind cannot keep it alive. */
    public static void main(String[] args) throws IOException {
        Path checks = Path.of(args[0]);
        // Opened before any check runs, so the submission's System.setOut cannot take the results with it.
        try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(checks)));
            String excluded = System.getProperty(EXCLUDED_TAGS, "").trim();
            if (!excluded.isEmpty()) {
                request.filters(TagFilter.excludeTags(excluded.split(",")));
            }
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request.build(), new ResultWriter(out));
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }

    /** Write the plan, then each check's outcome (the worst of its invocations) when it ends. */
    private static final class ResultWriter implements TestExecutionListener {
        private final Writer out;
        private final Map<String, CheckResult> checks = new LinkedHashMap<>();
        private final Map<String, Long> startedAt = new HashMap<>();
        /** The checks that have reported an outcome; the others are still as planned (not run). */
        private final Set<String> recorded = new HashSet<>();
        private TestPlan plan;

        ResultWriter(Writer out) {
            this.out = out;
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
                record(source, Outcome.SKIPPED, reason);
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
            String message = result.getThrowable().map(Outcome::reasonOf).orElse("");
            Outcome status = Outcome.of(result);
            if (status == Outcome.FAILED && Todo.stubIn(result.getThrowable().orElseThrow()).isPresent()) {
                status = Outcome.PENDING; // a stub reached where stubs fail: not done, rather than done wrong
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
                case NOT_RUN -> 1;
                case SKIPPED -> 1;
                case PENDING -> 2;
                case FAILED, ERROR -> 3;
            };
        }

        private boolean isTemplateInvocation(TestIdentifier id) {
            return id.getParentId().map(plan::getTestIdentifier).flatMap(ResultWriter::method).isPresent();
        }

        private void write(String line) {
            try {
                out.write(line);
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
