package exercise11.harness;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Values as a failure message shows them: a text in quotes with its invisible characters escaped, bytes in hex, and
 * a long or repetitive value cut to a window around its first difference from the expected one, with its length and
 * where that difference is: {@code "ATU \u0000\u0000..." (1024 chars; first difference at index 3)}.
 *
 * <p>The window is measured in what is shown, so that a run of escaped characters ({@code \u0000} is six) cannot
 * make a message longer than a few lines.
 */
public final class Shown {

    /** The most characters shown of one text: about half before its first difference, half after. */
    static final int WINDOW = 80;
    /** The most bytes shown of one byte array, in hex. */
    static final int BYTES = 32;
    /** The most lines shown of a list of lines. */
    static final int LINES = 12;
    /** The most characters shown of one line of a program's output, which may hold a stack trace's long message. */
    static final int LINE = 240;

    private Shown() {
    }

    /** {@code text} in quotes as a reader sees it, cut after about {@value #WINDOW} characters with its length. */
    public static String text(String text) {
        return window(text, 0, false);
    }

    /**
     * {@code expected} and {@code actual} so that their first difference is in sight: {@code expected "..." but got
     * "..."}, each cut around that difference when long, with the lengths and the difference's index (from 0).
     */
    public static String texts(String expected, String actual) {
        if (expected.equals(actual)) {
            return "both " + text(expected);
        }
        int at = firstDifference(expected, actual);
        boolean cut = shownLength(expected) > WINDOW || shownLength(actual) > WINDOW;
        String where = expected.length() == actual.length() ? " (" + expected.length() + " chars each" : " ("
                + expected.length() + " chars expected, " + actual.length() + " got";
        return "expected " + window(expected, at, cut) + " but got " + window(actual, at, cut) + where
                + "; first difference at index " + at + ")";
    }

    /** {@code bytes} in hex with their count: {@code [3 bytes] 41 54 55}, cut after {@value #BYTES} bytes. */
    public static String bytes(byte[] bytes) {
        return hexWindow(bytes, 0);
    }

    /** {@code expected} and {@code actual} bytes in hex, both cut around their first difference, and its index. */
    public static String bytes(byte[] expected, byte[] actual) {
        int at = 0;
        while (at < expected.length && at < actual.length && expected[at] == actual[at]) {
            at++;
        }
        if (at == expected.length && at == actual.length) {
            return "both " + bytes(expected);
        }
        return "expected " + hexWindow(expected, at) + " but got " + hexWindow(actual, at) + " (first difference at index "
                + at + ")";
    }

    /** {@code lines} as a list, each line cut as {@link #text(String)} cuts it, and at most {@value #LINES} of them. */
    public static String lines(List<String> lines) {
        List<String> shown = new ArrayList<>();
        lines.stream().limit(LINES).forEach(line -> shown.add(text(line)));
        if (lines.size() > LINES) {
            shown.add("... (" + lines.size() + " lines)");
        }
        return "[" + String.join(", ", shown) + "]";
    }

    /** One line of a program's output as a transcript shows it: unquoted, invisible characters but tabs escaped, cut. */
    public static String line(String line) {
        String quoted = window(line, 0, false, LINE, true);
        return quoted.startsWith("\"") && quoted.endsWith("\"") ? quoted.substring(1, quoted.length() - 1) : quoted;
    }

    /**
     * Fail unless {@code expected} equals {@code actual}, with {@code message} and then both values as JUnit's
     * {@code assertEquals} shows them ({@code expected: <...> but was: <...>}), but cut around their first difference.
     */
    public static void assertSameText(String expected, String actual, String message) {
        if (expected.equals(actual)) {
            return;
        }
        int at = actual == null ? 0 : firstDifference(expected, actual);
        String got = actual == null ? "null" : raw(actual, at);
        String lengths = actual != null && (expected.length() > WINDOW || actual.length() > WINDOW)
                ? " (" + expected.length() + " chars expected, " + actual.length() + " got; first difference at index " + at + ")"
                : "";
        throw new AssertionFailedError(message + " ==> expected: <" + raw(expected, at) + "> but was: <" + got + ">" + lengths);
    }

    /** The index of the first character where {@code a} and {@code b} differ (the shorter's length if one starts the other). */
    static int firstDifference(String a, String b) {
        int at = 0;
        while (at < a.length() && at < b.length() && a.charAt(at) == b.charAt(at)) {
            at++;
        }
        return at;
    }

    /** {@code text} around {@code at}, unquoted as JUnit shows it, escaped, cut with "..." where cut. */
    private static String raw(String text, int at) {
        String quoted = window(text, at, shownLength(text) > WINDOW);
        return quoted.substring(1, quoted.length() - 1);
    }

    /**
     * {@code text} in quotes, escaped, cut to about {@value #WINDOW} shown characters around index {@code at} when it is
     * longer than that; with its length when it is cut and {@code lengthsElsewhere} is false.
     */
    private static String window(String text, int at, boolean lengthsElsewhere) {
        return window(text, at, lengthsElsewhere, WINDOW, false);
    }

    private static String window(String text, int at, boolean lengthsElsewhere, int limit, boolean keepTabs) {
        List<String> shown = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            starts.add(i);
            shown.add(visible(cp) || keepTabs && cp == '\t' ? new String(Character.toChars(cp))
                    : cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\u{%X}", cp));
            i += Character.charCount(cp);
        }
        int total = shown.stream().mapToInt(String::length).sum();
        if (total <= limit) {
            return "\"" + String.join("", shown) + "\"";
        }
        int centre = 0;
        while (centre < starts.size() && starts.get(centre) < at) {
            centre++;
        }
        // Grow the window from the first difference, a third before it and the rest after, up to limit shown characters.
        int from = centre;
        int to = centre;
        int used = 0;
        while (from > 0 && used + shown.get(from - 1).length() <= limit / 3) {
            used += shown.get(--from).length();
        }
        while (to < shown.size() && used + shown.get(to).length() <= limit) {
            used += shown.get(to++).length();
        }
        while (from > 0 && used + shown.get(from - 1).length() <= limit) {
            used += shown.get(--from).length();
        }
        String body = String.join("", shown.subList(from, to));
        String quoted = (from > 0 ? "\"..." : "\"") + body + (to < shown.size() ? "...\"" : "\"");
        return lengthsElsewhere ? quoted : quoted + " (" + text.length() + " chars)";
    }

    private static int shownLength(String text) {
        return text.codePoints().map(cp -> visible(cp) ? Character.charCount(cp) : cp <= 0xFFFF ? 6 : 10).sum();
    }

    private static String hexWindow(byte[] bytes, int at) {
        int from = Math.max(0, Math.min(at - BYTES / 4, bytes.length - BYTES));
        int to = Math.min(bytes.length, from + BYTES);
        String shown = HexFormat.ofDelimiter(" ").formatHex(bytes, from, to);
        return "[" + bytes.length + " bytes] " + (from > 0 ? "... " : "") + shown + (to < bytes.length ? " ..." : "");
    }

    /** Whether a reader sees {@code cp} as itself: not a control, format character, odd space or lone surrogate. */
    static boolean visible(int cp) {
        int type = Character.getType(cp);
        return cp == ' ' || !(Character.isISOControl(cp) || Character.isSpaceChar(cp) || type == Character.FORMAT
                || type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.PRIVATE_USE);
    }
}
