package exercise11.harness.containers;

import exercise11.harness.Outcome;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link CrossHostChecks} (after {@link DockerCondition} let them run): builds (or finds) the
 * host image once, and prints lines that show in the build log that the checks ran, how long each took, and the tier's total:
 *
 * <pre>
 * [cross-host] image exercise11-host:0123456789abcdef reused in 0.03 s (41 MB, with iptables)
 * [cross-host]   1.42 s  passed   client and server on two hosts: ...
 * [cross-host] 5 cross-host checks ran in Docker 20.10.24: 5 passed, 0 failed, 0 pending; 6.10 s in all
 * </pre>
 */
public final class CrossHostTier implements BeforeAllCallback, AfterAllCallback,
        BeforeTestExecutionCallback, AfterTestExecutionCallback, TestWatcher {

    /** Prefix of every line the tier prints. */
    public static final String PREFIX = "[cross-host] ";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CrossHostTier.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Tally tally = new Tally();
        context.getStore(NAMESPACE).put(Tally.class, tally);
        try {
            HostImage.Built image = HostImage.of(HostImage.BASE);
            tally.image = image.describe();
            out().println(PREFIX + tally.image);
        } catch (RuntimeException e) {
            if (DockerEnvironment.required()) {
                throw e;
            }
            tally.imageProblem = "skipped: the hosts' image could not be built here: " + e.getMessage();
            out().println(PREFIX + tally.imageProblem);
        }
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        Tally tally = tally(context);
        if (tally.imageProblem != null) {
            throw new TestAbortedException(tally.imageProblem);
        }
        context.getStore(NAMESPACE).put("start", System.nanoTime());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Long start = context.getStore(NAMESPACE).get("start", Long.class);
        if (start != null) {
            context.getStore(NAMESPACE).put("took", System.nanoTime() - start);
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        finished(context, Outcome.PASSED);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        finished(context, Outcome.FAILED);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        finished(context, Outcome.ofAborted(cause));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Tally tally = tally(context);
        out().println(PREFIX + String.format("%d cross-host checks ran in Docker %s: %d passed, %d failed, %d pending%s;"
                + " %s in all", tally.ran.get(), DockerEnvironment.engineVersion(), tally.count(Outcome.PASSED),
                tally.count(Outcome.FAILED), tally.count(Outcome.PENDING),
                tally.count(Outcome.SKIPPED) > 0 ? ", " + tally.count(Outcome.SKIPPED) + " skipped" : "",
                HostImage.seconds(Duration.ofNanos(System.nanoTime() - tally.start))));
    }

    private void finished(ExtensionContext context, Outcome outcome) {
        Tally tally = tally(context);
        Long took = context.getStore(NAMESPACE).get("took", Long.class);
        tally.counts.get(outcome).incrementAndGet();
        if (outcome != Outcome.SKIPPED && outcome != Outcome.NOT_RUN) {
            tally.ran.incrementAndGet();
        }
        String word = outcome == Outcome.FAILED ? "FAILED" : outcome.word();
        out().println(PREFIX + String.format("%7s  %-8s %s", took == null ? "-" : HostImage.seconds(Duration.ofNanos(took)),
                word, context.getDisplayName()));
    }

    private static Tally tally(ExtensionContext context) {
        Tally tally = context.getStore(NAMESPACE).get(Tally.class, Tally.class);
        return tally != null ? tally : new Tally();
    }

    static PrintStream out() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    /** What one class of cross-host checks did. */
    private static final class Tally {
        final long start = System.nanoTime();
        final AtomicInteger ran = new AtomicInteger();
        final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
        String image;
        String imageProblem;

        Tally() {
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, new AtomicInteger());
            }
        }

        int count(Outcome outcome) {
            return counts.get(outcome).get();
        }
    }
}
