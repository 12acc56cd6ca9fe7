package exercise11.selfcheck;

import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** The hostile corpus graded without a sandbox (confined, when the self-check runs as root). */
@DisplayName("The grader, given the hostile corpus")
class HostileCorpusTests extends HostileCorpusChecks {

    @Override
    String cohort() {
        return "hostile-corpus";
    }

    @Override
    List<String> mode() {
        return List.of();
    }
}
