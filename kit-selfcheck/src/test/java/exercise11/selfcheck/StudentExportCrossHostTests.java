package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.harness.containers.RequiresDocker;
import exercise11.kit.Export;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The students' repository's opt-in cross-host tier: {@code mvn verify -Pcross-host} runs it in Docker. */
@RequiresDocker
@DisplayName("The repository for students, with -Pcross-host")
class StudentExportCrossHostTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "export-cross-host")
            .toAbsolutePath();

    @Test
    @DisplayName("runs the four cross-host checks in Docker, and they pass with the solution's bodies")
    void crossHostProfileRunsTheTier() throws Exception {
        Cohorts.deleteTree(WORK);
        Path repository = WORK.resolve("repository");
        Export.student(Cohorts.KIT, repository);
        Cohorts.copyTree(Cohorts.KIT.resolve("exercise-11-solution/src/main/java"), repository.resolve("src/main/java"));
        ProcessBuilder build = new ProcessBuilder("mvn", "-B", "-ntp", "verify", "-Pcross-host", "-Dtest=CrossHostTests")
                .directory(repository.toFile()).redirectErrorStream(true);
        build.environment().put("EXERCISE11_REQUIRE_DOCKER", "true");
        Process process = build.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the build did not end");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("4 cross-host checks ran in Docker") && output.contains("4 passed, 0 failed, 0 pending"), output);
    }
}
