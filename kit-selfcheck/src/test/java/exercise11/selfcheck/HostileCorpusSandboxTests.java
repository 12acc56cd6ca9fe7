package exercise11.selfcheck;

import exercise11.harness.containers.RequiresDocker;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** The hostile corpus graded with --sandbox. */
@RequiresDocker
@DisplayName("The grader with --sandbox, given the hostile corpus")
class HostileCorpusSandboxTests extends HostileCorpusChecks {

    @Override
    String cohort() {
        return "hostile-corpus-sandbox";
    }

    @Override
    List<String> mode() {
        return List.of("--sandbox");
    }
}
