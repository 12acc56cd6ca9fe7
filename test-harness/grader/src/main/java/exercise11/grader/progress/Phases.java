package exercise11.grader.progress;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a run's time went: each step of grading a submission, summed over the submissions the jobs graded, and
 * said at the end of the run as the mean of one submission. The figures are wall time inside one job, so with
 * several jobs at once their sum is more than the run's wall time divided by the submissions.
 */
public final class Phases {

    /** The steps of one submission, in the order they run. */
    public enum Phase {
        /** Unpacking the submission and taking its sources into the grader's own folder. */
        INTAKE("intake"),
        /** Compiling the submission, a second time when some of its files were replaced by the starter's. */
        COMPILE("compile"),
        /** Holding the compiled classes to the allow-list. */
        POLICY("policy"),
        /** Compiling the checks again, for a submission whose public API differs from the solution's. */
        CHECKS_COMPILE("checks' compile"),
        /** The checks' JVM from its start to its end, less the checks themselves. */
        CHECKS_JVM("checks' JVM"),
        /** The checks themselves, as their own reports time them. */
        CHECKS("checks"),
        /** Writing the student's reports and keeping the code for the similarity report. */
        REPORTS("reports");

        private final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);
    private final LongAdder submissions = new LongAdder();

    public Phases() {
        for (Phase phase : Phase.values()) {
            nanos.put(phase, new LongAdder());
        }
    }

    /** Count {@code elapsed} nanoseconds to {@code phase}; a negative figure counts as none. */
    public void add(Phase phase, long elapsed) {
        nanos.get(phase).add(Math.max(0, elapsed));
    }

    /** One more submission went through the steps counted. */
    public void submissionDone() {
        submissions.increment();
    }

    /** The mean seconds of {@code phase} a submission, 0 before any submission is done. */
    public double meanSeconds(Phase phase) {
        long count = submissions.sum();
        return count == 0 ? 0 : nanos.get(phase).sum() / 1e9 / count;
    }

    /**
     * One line: the mean time of each step a submission, as in {@code time a submission (one job): intake 0.01 s,
     * compile 0.12 s, ...}; the steps no submission took are left out.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            if (nanos.get(phase).sum() > 0) {
                parts.add(String.format(Locale.ROOT, "%s %.2f s", phase.label, meanSeconds(phase)));
            }
        }
        return String.format(Locale.ROOT, "time a submission (mean of %d, inside one job): %s", submissions.sum(),
                parts.isEmpty() ? "nothing timed" : String.join(", ", parts));
    }
}
