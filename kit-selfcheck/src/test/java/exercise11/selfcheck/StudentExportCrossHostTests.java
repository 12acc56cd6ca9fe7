package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.harness.containers.RequiresDocker;
import exercise11.kit.Export;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The students' repository's opt-in cross-host tier: {@code mvn verify -Pcross-host} runs it in Docker. */
@RequiresDocker
@DisplayName("The repository for students, with -Pcross-host")
class StudentExportCrossHostTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "export-cross-host")
            .toAbsolutePath();

    @Test
    @DisplayName("runs the five cross-host checks in Docker, and they pass with the solution's bodies")
    void crossHostProfileRunsTheTier() throws Exception {
        Cohorts.deleteTree(WORK);
        Path repository = WORK.resolve("repository");
        Export.student(Cohorts.KIT, repository);
        Cohorts.copyTree(Cohorts.KIT.resolve("exercise-11-solution/src/main/java"), repository.resolve("src/main/java"));
        String output = Cohorts.run(repository, Map.of("EXERCISE11_REQUIRE_DOCKER", "true"),
                "mvn", "-B", "-ntp", "verify", "-Pcross-host", "-Dtest=CrossHostTests");
        assertTrue(output.contains("5 cross-host checks ran in Docker") && output.contains("5 passed, 0 failed, 0 pending"), output);
    }
}
