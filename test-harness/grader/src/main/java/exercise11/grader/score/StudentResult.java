package exercise11.grader.score;

import exercise11.harness.Outcome;
import java.util.List;

/**
 * What grading one submission gave.
 *
 * @param student the student's name
 * @param status {@link Status#GRADED} when the checks ran, {@link Status#ERROR} when they could not (nothing to
 *               compile, a compile error), {@link Status#NOT_GRADED} when the whole run stopped first
 * @param reason one line for the grader and the student: why the status is what it is
 * @param checks every check with its points, including checks that did not compile or run
 * @param seconds how long grading this submission took
 */
public record StudentResult(String student, Status status, String reason, List<Rubric.Scored> checks, double seconds) {

    /** The reason may quote a student's file names and text: its invisible characters are shown escaped. */
    public StudentResult {
        reason = Outcome.visible(reason);
    }

    /** Return the points earned. */
    public double score() {
        return checks.stream().mapToDouble(Rubric.Scored::earned).sum();
    }

    /** Return how many checks ended with {@code status}. */
    public long count(Outcome status) {
        return checks.stream().filter(c -> c.check().status() == status).count();
    }
}
