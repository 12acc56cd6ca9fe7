package exercise11.grader.result;

import exercise11.harness.Blame;
import exercise11.harness.Dependencies;
import exercise11.harness.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one check (a test method; a parameterized or property check counts once) for one submission.
 *
 * @param className the check's class, e.g. {@code exercise11.checks.UdpServerTests$Receive}
 * @param method the test method's name
 * @param name the readable name a student sees ({@code UdpServer > receive (TODO 6) > returns ...})
 * @param todos the TODO numbers the check names
 * @param status what became of it
 * @param message why it failed, is pending, or did not run; empty when it passed
 * @param millis how long it took
 */
public record CheckResult(String className, String method, String name, List<Integer> todos, Outcome status,
                          String message, long millis) {

    /** A check's name and message come from code a student wrote too: their invisible characters are shown escaped. */
    public CheckResult {
        name = Outcome.visible(name);
        message = Outcome.visible(message);
    }

    /** Return the check's key in the rubric's terms: {@code UdpServerTests.Receive#returnsShortDatagramsWhole}. */
    public String key() {
        return simpleClassName() + "#" + method;
    }

    /** Return the class name without its package, nested classes joined by dots. */
    public String simpleClassName() {
        return Dependencies.keyOf(className);
    }

    /** Return what {@link Blame} needs of this check to say which TODO is at fault. */
    public Blame.Check forBlame() {
        return new Blame.Check(key(), todos, status, message);
    }

    /** Return this result with another status and message. */
    public CheckResult with(Outcome newStatus, String newMessage) {
        return new CheckResult(className, method, name, todos, newStatus, newMessage, millis);
    }

    /** Encode as one tab-separated line (tabs, newlines and backslashes escaped). */
    public String toLine() {
        return String.join("\t", escape(className), escape(method), escape(name), escape(todosText()),
                status.name(), escape(message), Long.toString(millis));
    }

    /** Decode a line written by {@link #toLine()}. */
    public static CheckResult fromLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("not a check result line: " + line);
        }
        List<Integer> todos = new ArrayList<>();
        for (String n : unescape(f[3]).split(",")) {
            if (!n.isBlank()) {
                todos.add(Integer.parseInt(n.trim()));
            }
        }
        return new CheckResult(unescape(f[0]), unescape(f[1]), unescape(f[2]), List.copyOf(todos),
                Outcome.valueOf(f[4]), unescape(f[5]), Long.parseLong(f[6]));
    }

    private String todosText() {
        return String.join(",", todos.stream().map(String::valueOf).toList());
    }

    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    public static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
