package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.progress.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A cohort run's progress: done, rate and time left, redrawn in place on a terminal and as plain lines in a log. The
 * clock is the test's own, so no figure depends on how fast this machine is.
 */
@DisplayName("The grader's progress over a cohort")
class ProgressTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    @DisplayName("in a log: each submission's line, then plain progress lines with the rate and the time left, no control character")
    void plainLinesInALog() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4, false, now::get);
        now.set(2 * SECOND);
        progress.done("[  1/4] alice");
        now.set(12 * SECOND);
        progress.done("[  2/4] bob");
        now.set(14 * SECOND);
        progress.done("[  3/4] carol");
        now.set(16 * SECOND);
        progress.done("[  4/4] dave");
        progress.finish();
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("[  1/4] alice", "[  2/4] bob", "progress: 2/4 done, 6.00 s a submission, about 12 s left",
                "[  3/4] carol", "[  4/4] dave", "progress: 4/4 done, 4.00 s a submission, done in 16 s"), log.lines().toList());
        assertFalse(log.chars().anyMatch(c -> c < 0x20 && c != '\n'), () -> "a control character in: " + log);
    }

    @Test
    @DisplayName("on a terminal: one status line under the submissions' lines, taken back and redrawn after each")
    void oneUpdatingLineOnATerminal() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 3, true, now::get);
        now.set(3 * SECOND);
        progress.done("[  1/3] alice");
        now.set(6 * SECOND);
        progress.done("[  2/3] bob");
        progress.finish();
        String screen = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("[  1/3] alice\nprogress: 1/3 done, 3.00 s a submission, about 6 s left"
                + "\r\033[K[  2/3] bob\nprogress: 2/3 done, 3.00 s a submission, about 3 s left\n", screen);
    }

    @Test
    @DisplayName("a long time left reads in minutes or hours")
    void durationsReadAsPeopleSayThem() {
        assertEquals("40 s", Progress.shown(40.2));
        assertEquals("3 min 05 s", Progress.shown(185));
        assertEquals("7 h 05 min", Progress.shown(7 * 3600 + 5 * 60 + 20));
        Progress none = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 10, false, () -> 0);
        assertTrue(none.status(0).endsWith("no rate yet, time left unknown"), none.status(0));
    }
}
