package exercise11.selfcheck;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The hostile corpus graded as one cohort without a sandbox: every attack earns 0 and does no harm. */
@DisplayName("The grader, given the hostile corpus")
class HostileCorpusTests {

    /** --compile-limit bounds compiling one submission (slow-to-compile); the grader does not take it yet and says so. */
    static final String[] ARGS = {"--time-limit", "60", "--check-timeout", "8", "--compile-limit", "20"};
    private static HostileCorpus.Run run;

    @BeforeAll
    static void gradeTheCorpus() throws Exception {
        run = HostileCorpus.grade("hostile-corpus", ARGS);
    }

    @AfterAll
    static void stopWhatWasLeftRunning() throws Exception {
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
