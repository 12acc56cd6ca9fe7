package exercise11.harness;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * Run a check annotated {@link Needs} only if the checks it needs have not failed, so that a student sees the
 * first real problem first instead of every check built on it failing too (check50's dependencies).
 *
 * <p>Where a stub is pending rather than failing (a student's build), a check whose needed check is pending on a
 * TODO is pending on that TODO too, at once: it would reach the same stub, and finding that out by starting
 * programs and sockets only slows the student's loop down.
 *
 * <p>The checks are ordered (see {@code junit-platform.properties}) so that needed checks run first.
 */
public final class Dependencies implements ExecutionCondition, BeforeEachCallback, TestWatcher {

    /** Prefix of the reason of a check that was not run because a check it needs failed. */
    public static final String NOT_RUN = "not run: needs ";

    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
    /** Pending checks, by key, with their reason ({@code pending, TODO n: ...}). */
    private static final Map<String, String> PENDING = new ConcurrentHashMap<>();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("classes always run");
        }
        for (String need : needed(context)) {
            Optional<String> failed = FAILED.stream().filter(key -> isPartOf(key, need)).sorted().findFirst();
            if (failed.isPresent()) {
                return ConditionEvaluationResult.disabled(NOT_RUN + need + " (" + failed.get() + " failed): fix that first");
            }
        }
        return ConditionEvaluationResult.enabled("nothing it needs has failed");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!Todo.pendingAllowed()) {
            return;
        }
        for (String need : needed(context)) {
            Optional<String> pending = PENDING.keySet().stream().filter(key -> isPartOf(key, need)).sorted().findFirst();
            if (pending.isPresent()) {
                throw new TestAbortedException(PENDING.get(pending.get()));
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (Todo.stubIn(cause).isEmpty()) {
            FAILED.add(keyOf(context));
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        String reason = cause == null ? null : cause.getMessage();
        if (reason != null && reason.startsWith(PendingTodos.PENDING)) {
            PENDING.put(keyOf(context), reason);
        }
    }

    private static List<String> needed(ExtensionContext context) {
        List<String> needed = new ArrayList<>();
        context.getTestMethod().ifPresent(m -> needed.addAll(needsOf(m)));
        for (Optional<Class<?>> type = context.getTestClass(); type.isPresent(); type = Optional.ofNullable(type.get().getEnclosingClass())) {
            needed.addAll(needsOf(type.get()));
        }
        return needed;
    }

    /** Whether the check {@code key} is {@code need} or one of the checks {@code need} names (a class or nested class). */
    private static boolean isPartOf(String key, String need) {
        return key.equals(need) || key.startsWith(need + "#") || key.startsWith(need + ".");
    }

    /** Return a check's key: its class without package, nested classes joined by dots, then {@code #method}. */
    static String keyOf(ExtensionContext context) {
        String className = context.getRequiredTestClass().getName();
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.')
                + context.getTestMethod().map(m -> "#" + m.getName()).orElse("");
    }

    private static List<String> needsOf(AnnotatedElement element) {
        Needs needs = element.getAnnotation(Needs.class);
        return needs == null ? List.of() : List.of(needs.value());
    }
}
