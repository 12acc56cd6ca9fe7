package exercise11.selfcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The hostile corpus graded as one cohort in one mode of the grader: every attack earns 0 and does no harm, and the
 * honest controls keep their scores. Each mode is a subclass that names its cohort and its extra options.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileCorpusChecks {

    /**
     * The options every mode grades with. {@code --compile-limit 20}: the slow-to-compile attack would otherwise
     * hold its compile for the default 60 s.
     */
    private static final List<String> LIMITS = List.of("--time-limit", "60", "--check-timeout", "8", "--compile-limit", "20");

    private HostileCorpus.Run run;

    /** The cohort's folder name under the self-check's work folder. */
    abstract String cohort();

    /** The grader's options for this mode, beyond {@link #LIMITS}. */
    abstract List<String> mode();

    @BeforeAll
    void gradeTheCorpus() throws Exception {
        List<String> args = new ArrayList<>(mode());
        args.addAll(LIMITS);
        run = HostileCorpus.grade(cohort(), args.toArray(String[]::new));
    }

    @AfterAll
    void stopWhatWasLeftRunning() throws Exception {
        if (run != null) {
            run.cleanUp();
        }
    }

    @TestFactory
    @DisplayName("each attack scores 0, is named in the reason, and does no harm")
    Stream<DynamicTest> attacks() {
        return run.attackTests();
    }

    @TestFactory
    @DisplayName("the honest submissions graded with them keep their scores")
    Stream<DynamicTest> controls() {
        return run.controlTests();
    }
}
