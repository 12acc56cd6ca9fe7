package exercise11.selfcheck;

import exercise11.harness.containers.RequiresDocker;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The hostile corpus graded as one cohort with --sandbox: every attack earns 0 and does no harm. */
@RequiresDocker
@DisplayName("The grader with --sandbox, given the hostile corpus")
class HostileCorpusSandboxTests {

    private static HostileCorpus.Run run;

    @BeforeAll
    static void gradeTheCorpusInTheSandbox() throws Exception {
        // --compile-limit: see HostileCorpusTests.
        run = HostileCorpus.grade("hostile-corpus-sandbox", "--sandbox", "--time-limit", "60", "--check-timeout", "8",
                "--compile-limit", "20");
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
