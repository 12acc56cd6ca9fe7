package exercise11.harness;

import java.util.Locale;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

/**
 * What became of one check: the one model the summary, the grader and the cross-host tier share.
 *
 * <p>A check is <em>pending</em> when it reached a TODO stub (or needs a check that did), and <em>not run</em> when
 * a check it needs failed, and <em>not on this machine</em> when it rests on what this machine's loopback does not do.
 * These are told apart from other aborted checks by the type of what ended them, {@link PendingCheck},
 * {@link NotRunCheck} and {@link NotOnThisMachine}, never by the words of a message.
 */
public enum Outcome {
    PASSED, FAILED, PENDING, NOT_RUN, SKIPPED,
    /** The grader's own: the check could not be compiled or run against the submission. */
    ERROR,
    /**
     * A student's run only: the check rests on a behaviour of Linux's loopback that this machine lacks
     * ({@link exercise11.harness.platform.OnThisMachine}); it is graded on Linux.
     */
    NOT_ON_THIS_MACHINE;

    /** The word a summary or report shows: {@code passed}, {@code not run}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The outcome of a check that JUnit ran (or started) with {@code result}. */
    public static Outcome of(TestExecutionResult result) {
        return switch (result.getStatus()) {
            case SUCCESSFUL -> PASSED;
            case FAILED -> FAILED;
            case ABORTED -> result.getThrowable().map(Outcome::ofAborted).orElse(SKIPPED);
        };
    }

    /** The outcome of a check ended by {@code thrown}, which aborted it. */
    public static Outcome ofAborted(Throwable thrown) {
        return thrown instanceof PendingCheck ? PENDING : thrown instanceof NotRunCheck ? NOT_RUN
                : thrown instanceof NotOnThisMachine ? NOT_ON_THIS_MACHINE : SKIPPED;
    }

    /** The reason a report shows for a check ended by {@code thrown}: a pending check's stub text, else the message. */
    public static String reasonOf(Throwable thrown) {
        return visible(thrown instanceof PendingCheck pending ? pending.stub() : String.valueOf(thrown.getMessage()));
    }

    /**
     * {@code text} with every invisible control character (NUL, escape, DEL, the C1 controls; not a line break or a
     * tab) written as {@code \\u0000}, so that a student's bytes cannot turn a report into binary or move a terminal's
     * cursor.
     */
    public static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean invisible = (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7f && c <= 0x9f);
            if (invisible && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(invisible ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** Ends a check that reached a TODO stub, or needs a check that did. */
    public static final class PendingCheck extends TestAbortedException {
        private static final long serialVersionUID = 1L;
        private final String stub;

        /** {@code stub} is the stub's text: {@code TODO n: what to do}. */
        public PendingCheck(String stub) {
            super("pending, " + stub);
            this.stub = stub;
        }

        /** The stub's text, {@code TODO n: what to do}. */
        public String stub() {
            return stub;
        }
    }

    /** Ends a check that was not run because a check it needs failed. */
    public static final class NotRunCheck extends TestAbortedException {
        private static final long serialVersionUID = 1L;

        public NotRunCheck(String reason) {
            super(reason);
        }
    }

    /** Ends a check that rests on a behaviour this machine's loopback lacks; the reason says what it does instead. */
    public static final class NotOnThisMachine extends TestAbortedException {
        private static final long serialVersionUID = 1L;

        public NotOnThisMachine(String reason) {
            super(reason);
        }
    }
}
