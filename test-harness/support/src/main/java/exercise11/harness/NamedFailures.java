package exercise11.harness;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * A check ended by an exception that the code under test threw (a timeout, a {@code NullPointerException}), rather
 * than by one of the check's own assertions, fails with a message that names the TODO whose method threw it, so that
 * no failure a student reads is a bare "Receive timed out".
 *
 * <p>The TODO is found in the exception's stack: the innermost method of a TODO the check depends on (where the
 * exception was thrown), except for a receive that timed out, which is charged to the outermost one (the loop that
 * asked for one datagram too many, not the {@code receive} that waited for it). An exception thrown outside every
 * TODO the check depends on is passed on as it is.
 */
public final class NamedFailures implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof AssertionError || thrown instanceof TestAbortedException || Todo.stubIn(thrown).isPresent()) {
            throw thrown;
        }
        List<Integer> todos = context.getTags().stream().filter(tag -> tag.startsWith(ProgressSummary.TODO_TAG))
                .map(tag -> Integer.parseInt(tag.substring(ProgressSummary.TODO_TAG.length()))).toList();
        Optional<String> explained = explain(thrown, todos);
        if (explained.isEmpty()) {
            throw thrown;
        }
        throw new Escaped(explained.get(), thrown);
    }

    /**
     * The message for {@code thrown} naming the TODO, among {@code todos}, in whose method it was thrown:
     * {@code TODO 7: decode threw java.lang.NullPointerException: ... (UdpServer.java:58)}; empty when no method of
     * those TODOs is in its stack.
     */
    public static Optional<String> explain(Throwable thrown, Collection<Integer> todos) {
        boolean timedOut = false;
        List<Frame> frames = List.of();
        Throwable raised = thrown;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable at = thrown; at != null && seen.add(at); at = at.getCause()) {
            timedOut |= at instanceof SocketTimeoutException;
            List<Frame> here = framesOf(at, todos);
            if (!here.isEmpty()) {
                frames = here; // the cause nearest to where it was thrown that passed through a TODO's method
                raised = at;
            }
        }
        if (frames.isEmpty()) {
            return Optional.empty();
        }
        Frame inner = frames.get(0);
        Frame charged = timedOut ? frames.get(frames.size() - 1) : inner;
        String at = inner.element().getFileName() == null ? ""
                : " (" + inner.element().getFileName() + ":" + inner.element().getLineNumber() + ")";
        String through = charged.equals(inner) ? "" : ", in " + inner.site().method() + " (TODO " + inner.site().todo() + ")";
        if (timedOut) {
            return Optional.of("TODO " + charged.site().todo() + ": " + charged.site().method() + " waited for a datagram that"
                    + " never came" + through + at + ", until the socket's timeout ended the receive ("
                    + Outcome.visible(String.valueOf(raised)) + "): it receives more datagrams than were sent to it, or"
                    + " waits on the wrong socket.");
        }
        return Optional.of("TODO " + charged.site().todo() + ": " + charged.site().method() + " threw "
                + Outcome.visible(String.valueOf(raised)) + at + ".");
    }

    /** The frames of {@code thrown}'s stack that are methods of {@code todos}, innermost first. */
    private static List<Frame> framesOf(Throwable thrown, Collection<Integer> todos) {
        List<Frame> frames = new ArrayList<>();
        for (StackTraceElement element : thrown.getStackTrace()) {
            TodoSites.at(element.getClassName(), element.getMethodName())
                    .filter(site -> todos.isEmpty() || todos.contains(site.todo()))
                    .ifPresent(site -> frames.add(new Frame(site, element)));
        }
        return frames;
    }

    private record Frame(TodoSites.Site site, StackTraceElement element) {
    }

    /** The failure of a check ended by an exception of the code under test, with a message that names its TODO. */
    public static final class Escaped extends AssertionFailedError {
        private static final long serialVersionUID = 1L;

        public Escaped(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
