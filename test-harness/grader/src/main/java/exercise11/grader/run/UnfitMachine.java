package exercise11.grader.run;

/**
 * The machine the checks run on lacks a behaviour of Linux's loopback that some checks rest on
 * ({@link exercise11.harness.platform.Probe}): no submission can be graded fairly there, so the whole run stops.
 */
public final class UnfitMachine extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exit code of {@code bin/grade} on such a machine. */
    public static final int EXIT_CODE = 3;

    public UnfitMachine(String reasons) {
        super(reasons);
    }
}
