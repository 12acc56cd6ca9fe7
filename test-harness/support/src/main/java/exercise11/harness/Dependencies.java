package exercise11.harness;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Run a check annotated {@link Needs} only if the checks it needs have not failed, so that a student sees the
 * first real problem first instead of every check built on it failing too (check50's dependencies). Such a check
 * is ended with {@link Outcome.NotRunCheck}, which names the check to fix first.
 *
 * <p>Where a stub is pending rather than failing (a student's build), a check whose needed check is pending on a
 * TODO is pending on that TODO too, at once: it would reach the same stub, and finding that out by starting
 * programs and sockets only slows the student's loop down.
 *
 * <p>The checks are ordered (see {@code junit-platform.properties}) so that needed checks run first. What failed or
 * was pending counts within one run of the checks (a test plan) only: a JVM that runs the checks again, as a mutation
 * tool's does once for each mutant, starts each run afresh, so a check is never skipped for what an earlier run saw.
 */
public final class Dependencies implements BeforeEachCallback, TestWatcher, TestExecutionListener {

    /** How the reason of a check that was not run because a check it needs failed begins. */
    public static final String NOT_RUN = "not run: needs ";

    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
    /** Pending checks, by key, with the stub they reached. */
    private static final Map<String, String> PENDING = new ConcurrentHashMap<>();

    /** A new run of the checks: forget what earlier runs in this JVM failed or left pending. */
    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        FAILED.clear();
        PENDING.clear();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        List<String> needed = needed(context);
        for (String need : needed) {
            Optional<String> failed = FAILED.stream().filter(key -> isPartOf(key, need)).sorted().findFirst();
            if (failed.isPresent()) {
                throw new Outcome.NotRunCheck(NOT_RUN + need + " (" + failed.get() + " failed): fix that first");
            }
        }
        if (Todo.pendingAllowed()) {
            for (String need : needed) {
                Optional<String> pending = PENDING.keySet().stream().filter(key -> isPartOf(key, need)).sorted().findFirst();
                if (pending.isPresent()) {
                    throw new Outcome.PendingCheck(PENDING.get(pending.get()));
                }
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
        if (cause instanceof Outcome.PendingCheck pending) {
            PENDING.put(keyOf(context), pending.stub());
        }
    }

    /** Return a check's key: its class without package, nested classes joined by dots, then {@code #method}. */
    static String keyOf(ExtensionContext context) {
        return keyOf(context.getRequiredTestClass()) + context.getTestMethod().map(m -> "#" + m.getName()).orElse("");
    }

    /** Return a check class's key: {@code UdpServerTests.Receive}. */
    public static String keyOf(Class<?> checkClass) {
        return keyOf(checkClass.getName());
    }

    /**
     * Return the key of the check class named {@code className}: without its package, nested classes joined by dots,
     * as the rubric, the summary and {@code @Needs} name it ({@code exercise11.checks.UdpServerTests$Receive} becomes
     * {@code UdpServerTests.Receive}).
     */
    public static String keyOf(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** The keys of the checks that {@code element}'s {@link Needs} names. */
    public static List<String> needsOf(AnnotatedElement element) {
        Needs needs = element.getAnnotation(Needs.class);
        List<String> keys = new ArrayList<>();
        if (needs != null) {
            for (Class<?> type : needs.value()) {
                if (needs.checks().length == 0) {
                    keys.add(keyOf(type));
                }
                for (String check : needs.checks()) {
                    keys.add(keyOf(type) + "#" + check);
                }
            }
        }
        return keys;
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
}
