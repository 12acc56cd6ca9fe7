package exercise11.harness;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognise the starter's stubs: an {@link UnsupportedOperationException} whose message starts {@code TODO n:}. */
public final class Todo {

    /** System property that says what a reached stub means: {@code pending} (default) or {@code fail}. */
    public static final String MODE_PROPERTY = "exercise11.pending";

    private static final Pattern MESSAGE = Pattern.compile("TODO (\\d+): .*");
    private static final Pattern IN_OUTPUT =
            Pattern.compile("java\\.lang\\.UnsupportedOperationException: (TODO \\d+: [^\\r\\n]*)");

    private Todo() {
    }

    /** Find a stub's message in {@code thrown}, its causes or its suppressed exceptions. */
    public static Optional<String> stubIn(Throwable thrown) {
        return stubIn(thrown, new HashSet<>());
    }

    /** Find the message of a stub that a child JVM died of, in its standard error. */
    public static Optional<String> stubInOutput(String stderr) {
        Matcher matcher = IN_OUTPUT.matcher(stderr);
        return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
    }

    /** Return the number of the TODO named by a stub's message, or -1. */
    public static int number(String message) {
        Matcher matcher = Pattern.compile("TODO (\\d+):").matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** Tell whether a reached stub makes its check pending (the starter) rather than failed (the solution). */
    public static boolean pendingAllowed() {
        return !"fail".equals(System.getProperty(MODE_PROPERTY, "pending"));
    }

    private static Optional<String> stubIn(Throwable thrown, Set<Throwable> seen) {
        if (thrown == null || !seen.add(thrown)) {
            return Optional.empty();
        }
        if (thrown instanceof UnsupportedOperationException && thrown.getMessage() != null
                && MESSAGE.matcher(thrown.getMessage()).matches()) {
            return Optional.of(thrown.getMessage());
        }
        if (thrown.getMessage() != null) {
            Optional<String> reported = stubInOutput(thrown.getMessage());
            if (reported.isPresent()) {
                return reported; // a property library that reports the stub only in its own message
            }
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            Optional<String> found = stubIn(suppressed, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return stubIn(thrown.getCause(), seen);
    }
}
