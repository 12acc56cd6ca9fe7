package exercise11.harness;

import java.util.List;

/** The text a failure message shows of a program a check ran: what it was, and everything it printed. */
public final class Transcript {

    private Transcript() {
    }

    /** Describe {@code what} ({@code "command: UdpServer --port 0"}) with its standard output and error, line by line. */
    public static String of(String what, List<String> stdout, List<String> stderr) {
        StringBuilder text = new StringBuilder("  ").append(what).append('\n');
        stdout.forEach(line -> text.append("  stdout | ").append(line).append('\n'));
        stderr.forEach(line -> text.append("  stderr | ").append(line).append('\n'));
        return text.toString();
    }
}
