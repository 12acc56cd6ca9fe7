package exercise11.harness;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Run a check annotated {@link Needs} only if the checks it needs have not failed, so that a student sees the
 * first real problem first instead of every check built on it failing too (check50's dependencies).
 *
 * <p>The checks are ordered (see {@code junit-platform.properties}) so that needed checks run first.
 */
public final class Dependencies implements ExecutionCondition, TestWatcher {

    /** Prefix of the reason of a check that was not run because a check it needs failed. */
    public static final String NOT_RUN = "not run: needs ";

    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("classes always run");
        }
        List<String> needed = new ArrayList<>();
        context.getTestMethod().ifPresent(m -> needed.addAll(needsOf(m)));
        for (Optional<Class<?>> type = context.getTestClass(); type.isPresent(); type = Optional.ofNullable(type.get().getEnclosingClass())) {
            needed.addAll(needsOf(type.get()));
        }
        for (String need : needed) {
            Optional<String> failed = FAILED.stream().filter(key -> key.equals(need) || key.startsWith(need + "#")
                    || key.startsWith(need + ".")).sorted().findFirst();
            if (failed.isPresent()) {
                return ConditionEvaluationResult.disabled(NOT_RUN + need + " (" + failed.get() + " failed): fix that first");
            }
        }
        return ConditionEvaluationResult.enabled("nothing it needs has failed");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (Todo.stubIn(cause).isEmpty()) {
            FAILED.add(keyOf(context));
        }
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
