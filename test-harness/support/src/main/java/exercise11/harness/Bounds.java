package exercise11.harness;

import java.time.Duration;
import java.util.Locale;

/**
 * Every bound the checks put on waiting for an event, in one place, scaled by one setting.
 *
 * <p>A bound is how long a check waits for something that a correct program does at once (a line printed, an exit,
 * a datagram on loopback) before it calls it missing. So a bound is reached only by a program that never will, and
 * each one is generous enough for a laptop or a CI runner that is busy with other work. On a slower machine, raise
 * them all together with {@code -Dexercise11.timeScale=2} (or the environment variable
 * {@code EXERCISE11_TIME_SCALE=2}); the grader passes its own setting on to the checks it runs.
 *
 * <p>No check asserts how <em>fast</em> anything was: these are upper bounds on a wait, never a stopwatch.
 */
public final class Bounds {

    /** System property that scales every bound: {@code -Dexercise11.timeScale=2} doubles them. */
    public static final String SCALE_PROPERTY = "exercise11.timeScale";
    /** Environment variable read when the system property is not set. */
    public static final String SCALE_VARIABLE = "EXERCISE11_TIME_SCALE";

    private static final double SCALE = scaleFrom(System.getProperty(SCALE_PROPERTY), System.getenv(SCALE_VARIABLE));

    private Bounds() {
    }

    /** The factor every bound is multiplied by (1 unless set). */
    public static double scale() {
        return SCALE;
    }

    /** How long a program may take to print an awaited line or to exit, a JVM's start included. */
    public static Duration event() {
        return scaled(Duration.ofSeconds(10));
    }

    /** How long a check waits for a datagram on loopback before it calls it lost. */
    public static Duration datagram() {
        return scaled(Duration.ofSeconds(4));
    }

    /**
     * How long a check listens to call it silence: where the point is that nothing arrives (no ICMP answer to a
     * broadcast, no datagram for a socket bound elsewhere). Loopback delivers in microseconds, so this is short; a
     * longer one only makes the check slower, never wrong for correct code.
     */
    public static Duration silence() {
        return scaled(Duration.ofMillis(300));
    }

    /** How long a whole check may run before JUnit abandons it: a backstop for code that never returns. */
    public static Duration check() {
        return scaled(Duration.ofSeconds(60));
    }

    /** How long a command on a container host may take to print an awaited line or to exit. */
    public static Duration containerEvent() {
        return scaled(Duration.ofSeconds(30));
    }

    /** Return {@code base} multiplied by the scale. */
    public static Duration scaled(Duration base) {
        return Duration.ofNanos(Math.round(base.toNanos() * SCALE));
    }

    /** Read the scale: the property wins over the variable; a missing, unreadable or non-positive one is 1. */
    static double scaleFrom(String property, String variable) {
        for (String text : new String[] {property, variable}) {
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                double value = Double.parseDouble(text.trim());
                if (value > 0 && value <= 100) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // fall through: a bad value must not stop every check; the summary shows the scale in use
            }
            System.err.println(String.format(Locale.ROOT,
                    "[exercise11] ignoring time scale '%s': expected a number above 0 and at most 100; using 1", text));
            return 1;
        }
        return 1;
    }
}
