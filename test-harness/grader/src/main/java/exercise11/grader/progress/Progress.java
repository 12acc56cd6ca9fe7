package exercise11.grader.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a cohort run has got: after each submission its own line, and how many are done, the rate and the time
 * left. On a terminal that last part is one status line, redrawn in place under the submissions' lines; anywhere
 * else (a log file, a CI job, a pipe) it is a plain line of its own at most every {@link #PLAIN_EVERY}, and at the
 * end, with no control character at all.
 */
public final class Progress {

    /** How often, at most, a plain progress line is written when the output is not a terminal. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(10);
    /** Carriage return, then erase to the end of the line: how the status line is taken back on a terminal. */
    private static final String TAKE_BACK = "\r\033[K";

    private final PrintStream out;
    private final int total;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private int done;
    private long lastPlain;
    private boolean statusShown;

    /**
     * Progress over {@code total} submissions on {@code out}, drawn as a terminal's status line or not, timed by
     * {@code clock} (nanoseconds, as {@link System#nanoTime}).
     */
    public Progress(PrintStream out, int total, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPlain = start;
    }

    /**
     * Progress over {@code total} submissions written to {@code out}: a terminal's status line only when {@code out}
     * is this process's standard error, the process has a console and {@code TERM} is not {@code dumb}.
     */
    public static Progress of(PrintStream out, int total) {
        String term = System.getenv("TERM");
        boolean terminal = out == System.err && System.console() != null && term != null && !term.isEmpty()
                && !term.equals("dumb");
        return new Progress(out, total, terminal, System::nanoTime);
    }

    /** One submission is done: write {@code line} (without a line end), then how far the run has got. */
    public synchronized void done(String line) {
        done++;
        long now = clock.getAsLong();
        if (terminal) {
            out.print((statusShown ? TAKE_BACK : "") + line + "\n" + status(now));
            statusShown = true;
            out.flush();
            return;
        }
        out.println(line);
        if (done == total || now - lastPlain >= PLAIN_EVERY.toNanos()) {
            out.println(status(now));
            lastPlain = now;
        }
    }

    /** The run is over (all done, or stopped): on a terminal, leave the status line as a line of its own. */
    public synchronized void finish() {
        if (terminal && statusShown) {
            out.print("\n");
            out.flush();
            statusShown = false;
        }
    }

    /** How many are done, the rate and the time left, for the moment {@code now}. */
    public String status(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double perSubmission = seconds / Math.max(1, done);
        String rate = done == 0 ? "no rate yet" : String.format(Locale.ROOT, "%.2f s a submission", perSubmission);
        String left = done >= total ? "done in " + shown(seconds)
                : done == 0 ? "time left unknown" : "about " + shown(perSubmission * (total - done)) + " left";
        return String.format(Locale.ROOT, "progress: %d/%d done, %s, %s", done, total, rate, left);
    }

    /** {@code seconds} as a person reads a duration: "40 s", "3 min 05 s", "2 h 07 min". */
    public static String shown(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
