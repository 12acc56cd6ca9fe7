package exercise11.grader.score;

import exercise11.harness.Outcome;
import java.util.List;

/**
 * What grading one submission gave.
 *
 * @param student the student's name
 * @param status {@link Status#GRADED} when the checks ran, {@link Status#ERROR} when they could not (nothing to
 *               compile, a compile error), {@link Status#NOT_GRADED} when the whole run stopped first, the entry is
 *               not a submission (a {@code .pdf}) or a git submission has no commit before the deadline
 * @param reason one line for the grader and the student: why the status is what it is
 * @param checks every check with its points, including checks that did not compile or run
 * @param seconds how long grading this submission took
 * @param graded what was graded: a git submission's commit (hash and committer date), else the newest file time
 *               inside the submission; empty when nothing was
 * @param late a git submission's commits after the deadline (how many, the newest's date); empty when none
 */
public record StudentResult(String student, Status status, String reason, List<Rubric.Scored> checks, double seconds,
                            String graded, String late) {

    /** The reason may quote a student's file names and text: its invisible characters are shown escaped. */
    public StudentResult {
        reason = Outcome.visible(reason);
        graded = graded == null ? "" : Outcome.visible(graded);
        late = late == null ? "" : Outcome.visible(late);
    }

    /** How the reason begins when the grader itself failed on a submission: no score of the student's. */
    public static final String GRADER_FAILED = "the grader failed";

    /** The result of a submission the grader itself failed on, with what went wrong. */
    public static StudentResult graderFailed(String student, Exception e) {
        return new StudentResult(student, Status.ERROR, GRADER_FAILED + ": " + e, List.of(), 0);
    }

    /** Whether the grader itself failed on this submission (its 0 is no score of the student's). */
    public boolean isGraderFailure() {
        return status == Status.ERROR && reason.startsWith(GRADER_FAILED);
    }

    /** A result that records nothing of what was graded. */
    public StudentResult(String student, Status status, String reason, List<Rubric.Scored> checks, double seconds) {
        this(student, status, reason, checks, seconds, "", "");
    }

    /** This result with what was graded and what came late. */
    public StudentResult withGraded(String graded, String late) {
        return new StudentResult(student, status, reason, checks, seconds, graded, late);
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
