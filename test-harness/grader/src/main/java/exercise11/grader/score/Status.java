package exercise11.grader.score;

/** What became of one submission as a whole; its word is what every report shows. */
public enum Status {
    /** The checks ran (some may have failed). */
    GRADED("graded"),
    /** The checks could not run: nothing to compile, a compile error, a failure of the grader itself. */
    ERROR("error"),
    /**
     * Not graded, with the reason: the whole run stopped before this submission (its time limit), the entry is not a
     * submission (a {@code .pdf}, a {@code .rar}), or a git submission has no commit before the deadline.
     */
    NOT_GRADED("not graded");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    /** The word the reports show: {@code graded}, {@code error}, {@code not graded}. */
    public String word() {
        return word;
    }

    /** The status a report's word names. */
    public static Status of(String word) {
        for (Status status : values()) {
            if (status.word.equals(word)) {
                return status;
            }
        }
        throw new IllegalArgumentException("not a submission's status: " + word);
    }

    @Override
    public String toString() {
        return word;
    }
}
