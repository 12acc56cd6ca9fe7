package exercise11.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.harness.Bounds;
import exercise11.harness.containers.DockerEnvironment;
import exercise11.harness.containers.Probe;
import exercise11.harness.containers.RequiresDocker;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

@RequiresDocker
@DisplayName("Sandbox (a locked-down container for grading)")
class SandboxTests {

    private static final String PROBE = Probe.class.getName();

    @Test
    @DisplayName("the command sees only loopback, a read-only root, a writable /tmp, no root user, and the limits asked for")
    void limitsAreInForce() {
        Sandbox.Result result = sandbox().memoryMb(200).cpus(0.5).pids(64).timeLimit(Duration.ofSeconds(30))
                .run("-cp", "/harness", PROBE, "report");
        assertEquals(0, result.exitCode(), result::transcript);
        Map<String, String> seen = result.stdout().stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        assertEquals("lo", seen.get("interfaces"), () -> "no network but its own loopback\n" + result.transcript());
        assertEquals("false", seen.get("root.writable"), result::transcript);
        assertEquals("true", seen.get("tmp.writable"), result::transcript);
        assertEquals("65534", seen.get("uid"), result::transcript);
        assertEquals(String.valueOf(200L * 1024 * 1024), seen.get("memory.max"), result::transcript);
        assertEquals("64", seen.get("pids.max"), result::transcript);
        assertEquals("50000 100000", seen.get("cpu.max"), () -> "half a CPU: 50 ms in every 100 ms\n" + result.transcript());
        assertFalse(result.timedOut(), result::transcript);
    }

    @Test
    @DisplayName("passes the exit code and both output streams through")
    void passesExitCodeAndOutput() {
        Sandbox.Result result = sandbox().run("-cp", "/harness", PROBE, "exit", "3", "graded: 7 of 9");
        assertEquals(3, result.exitCode(), result::transcript);
        assertEquals(List.of("graded: 7 of 9"), result.stdout(), result::transcript);
        assertEquals(List.of("graded: 7 of 9"), result.stderr(), result::transcript);
        assertFalse(result.timedOut() || result.outOfMemory(), result::transcript);
    }

    @Test
    @DisplayName("kills a command that outlives its time limit and says so, keeping what it printed")
    void killsAtTheTimeLimit() {
        // The limit counts from the container's creation, so it must leave the JVM inside time to start and print
        // its first line on a busy machine: the bound for an event, not a stopwatch on the sandbox.
        Sandbox.Result result = sandbox().timeLimit(Bounds.event()).run("-cp", "/harness", PROBE, "idle");
        assertTrue(result.timedOut(), result::transcript);
        assertEquals(-1, result.exitCode(), result::transcript);
        assertEquals(List.of("host ready"), result.stdout(), result::transcript);
    }

    @AfterEach
    void leavesNoContainerBehind() {
        int left = DockerEnvironment.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerEnvironment.KIT_LABEL, Sandbox.LABEL_VALUE,
                        DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL, DockerClientFactory.SESSION_ID))
                .exec().size();
        assertEquals(0, left, "a sandbox container of this run is still there");
    }

    private static Sandbox sandbox() {
        return Sandbox.withModules(Set.of("java.base")).mount(harnessClasses(), "/harness");
    }

    private static Path harnessClasses() {
        try {
            return Path.of(Probe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
