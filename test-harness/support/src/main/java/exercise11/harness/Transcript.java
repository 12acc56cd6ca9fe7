package exercise11.harness;

import java.util.List;

/** The text a failure message shows of a program a check ran: what it was, and what it printed. */
public final class Transcript {

    /** The most lines shown of each stream: the first ones, then how many more there were. */
    static final int LINES = 40;

    private Transcript() {
    }

    /**
     * Describe {@code what} ({@code "command: UdpServer --port 0"}) with its standard output and error, line by line,
     * each line cut as {@link Shown#line(String)} cuts it and at most {@value #LINES} lines of each.
     */
    public static String of(String what, List<String> stdout, List<String> stderr) {
        StringBuilder text = new StringBuilder("  ").append(what).append('\n');
        append(text, "  stdout | ", stdout);
        append(text, "  stderr | ", stderr);
        return text.toString();
    }

    private static void append(StringBuilder text, String prefix, List<String> lines) {
        lines.stream().limit(LINES).forEach(line -> text.append(prefix).append(Shown.line(line)).append('\n'));
        if (lines.size() > LINES) {
            text.append(prefix).append("... and ").append(lines.size() - LINES).append(" more lines\n");
        }
    }
}
