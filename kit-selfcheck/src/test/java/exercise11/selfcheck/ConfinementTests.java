package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import exercise11.grader.run.Confinement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the grader's confinement does on its own, below the allow-list: a command that the policy would never let a
 * submission run is run confined here, to show what happens if something gets past the policy.
 */
@DisplayName("The confinement of the checks when the grader runs as root")
class ConfinementTests {

    private static final String MARK = "exercise11-confinement-" + ProcessHandle.current().pid();
    private static Optional<Confinement> confinement;
    private static Path work;

    @BeforeAll
    static void confine() throws IOException {
        confinement = Confinement.forUser(Optional.empty());
        Path preferred = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "confinement").toAbsolutePath();
        Cohorts.deleteTree(preferred);
        work = confinement.isPresent() ? confinement.get().workFolder(preferred) : Files.createDirectories(preferred);
        Files.createDirectories(work.resolve("scratch"));
    }

    @AfterAll
    static void removeTheWorkFolder() throws IOException {
        Cohorts.deleteTree(work);
    }

    @Test
    @DisplayName("runs the checks as a user other than root, who can write only the scratch folder handed over")
    void runsAsAnotherUser() throws Exception {
        assumeTrue(confinement.isPresent(), "the grader confines only when it runs as root");
        confinement.get().handOver(work.resolve("scratch"));
        Path outside = work.resolve("written-outside");
        // Quoted: the kit may lie in a folder whose name holds a space.
        String out = runConfined("id -u; touch '" + work.resolve("scratch/ok") + "'; touch '" + outside + "' 2>/dev/null; true");
        assertFalse(out.strip().lines().findFirst().orElse("0").equals("0"), "the checks ran as root: " + out);
        assertTrue(Files.exists(work.resolve("scratch/ok")), "the scratch folder was not writable: " + out);
        assertFalse(Files.exists(outside), "a confined run wrote outside its scratch folder");
    }

    @Test
    @DisplayName("ends every process the run started when it ends, one started with setsid too")
    void leavesNoProcessBehind() throws Exception {
        assumeTrue(confinement.isPresent() && confinement.get().hasPrivateScratch(),
                "this machine does not let the grader make namespaces: " + confinement.map(Confinement::describe).orElse("not root"));
        runConfined("setsid sh -c 'sleep 300; echo' " + MARK + " </dev/null >/dev/null 2>&1 & sleep 0.5; echo started");
        List<String> left = new ArrayList<>();
        // The kernel ends the namespace's processes when its first one ends; allow it a moment on a busy machine.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            left.clear();
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(MARK))
                    .forEach(p -> left.add(p.pid() + " " + p.info().commandLine().orElse("")));
        } while (!left.isEmpty() && System.nanoTime() < deadline && pause());
        assertEquals(List.of(), left, "processes outlived the confined run");
    }

    @Test
    @DisplayName("gives the run a /tmp of its own that vanishes with it")
    void tmpIsPrivate() throws Exception {
        assumeTrue(confinement.isPresent() && confinement.get().hasPrivateScratch(),
                "this machine does not let the grader make namespaces");
        Path file = Path.of("/tmp", MARK);
        Files.deleteIfExists(file);
        String out = runConfined("echo left > " + file + " && cat " + file);
        assertEquals("left", out.strip(), "the confined run could not use its /tmp");
        assertFalse(Files.exists(file), "a file the confined run wrote in /tmp is still there");
    }

    @Test
    @DisplayName("keeps /tmp, /var/tmp and /dev/shm private when the run's own folder lies in /tmp, under a space")
    void scratchIsPrivateWhenTheWorkIsInTmp() throws Exception {
        assumeTrue(confinement.isPresent() && confinement.get().hasPrivateScratch(),
                "this machine does not let the grader make namespaces");
        // Open to the checks' user, as a grader's folder under /tmp often is: the run may use it where it lies.
        Path top = Files.createDirectories(Path.of("/tmp", MARK + " work"));
        List<Path> planted = List.of(Path.of("/tmp", MARK + "-planted"), Path.of("/var/tmp", MARK + "-planted"),
                Path.of("/dev/shm", MARK + "-planted"));
        List<Path> left = List.of(Path.of("/tmp", MARK + "-left"), Path.of("/var/tmp", MARK + "-left"),
                Path.of("/dev/shm", MARK + "-left"));
        try {
            Files.setPosixFilePermissions(top, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Path inTmp = confinement.get().workFolder(top.resolve("grader work"));
            assertEquals(top.resolve("grader work"), inTmp, "the checks' user can enter the folder, so it should be used");
            Path scratch = Files.createDirectories(inTmp.resolve("scratch"));
            confinement.get().handOver(scratch);
            for (Path file : planted) {
                if (Files.isDirectory(file.getParent())) {
                    Files.writeString(file, "the host's");
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < planted.size(); i++) {
                script.append("cat '").append(planted.get(i)).append("' 2>/dev/null; echo new > '").append(left.get(i))
                        .append("' 2>/dev/null; ");
            }
            script.append("echo kept > '").append(scratch.resolve("ok")).append("' && cat '").append(scratch.resolve("ok")).append("'");
            String out;
            try (Confinement.Run run = confinement.get().start(64)) {
                ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).directory(scratch.toFile());
                builder.command(run.command(List.of("sh", "-c", script.toString()), inTmp, List.of(), builder.environment()));
                Process process = builder.start();
                out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the confined command did not end");
            }
            assertEquals("kept", out.strip(), "the run should read none of the host's planted files and use its own folder");
            assertEquals("kept", Files.readString(scratch.resolve("ok")).strip(), "the run's own folder is the host's folder");
            for (Path file : left) {
                assertFalse(Files.exists(file), "a file the confined run wrote is still on the host: " + file);
            }
        } finally {
            for (Path file : planted) {
                Files.deleteIfExists(file);
            }
            for (Path file : left) {
                Files.deleteIfExists(file);
            }
            Cohorts.deleteTree(top);
        }
    }

    @Test
    @DisplayName("says what it gives: private scratch folders, or what this machine does not permit")
    void describesWhatItGives() {
        assumeTrue(confinement.isPresent(), "the grader confines only when it runs as root");
        String line = confinement.get().describe();
        assertTrue(confinement.get().hasPrivateScratch() ? line.contains("with private /tmp")
                : line.contains("without namespaces (not permitted here: /tmp"), line);
    }

    private static String runConfined(String script) throws Exception {
        try (Confinement.Run run = confinement.get().start(64)) {
            ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).directory(work.toFile());
            builder.command(run.command(List.of("sh", "-c", script), work, List.of(), builder.environment()));
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the confined command did not end");
            return out;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
