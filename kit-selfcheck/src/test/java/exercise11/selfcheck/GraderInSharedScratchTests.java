package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import exercise11.grader.run.Confinement;
import exercise11.grader.score.Rubric;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The grader with everything in the host's {@code /tmp}, under a folder name with a space: the kit it grades with,
 * the submissions, {@code --out} and so the work folder, all open to the checks' user. A check added to a copy of the
 * kit stands for code that got past the allow-list: run confined like every check, it looks for files planted in the
 * host's {@code /tmp}, {@code /var/tmp} and {@code /dev/shm} and leaves files of its own there.
 */
@DisplayName("The grader with its kit, submissions and output in /tmp")
class GraderInSharedScratchTests {

    private static final String MARK = "exercise11-shared-scratch-" + ProcessHandle.current().pid();
    private static final List<String> SCRATCH = List.of("/tmp", "/var/tmp", "/dev/shm");

    @Test
    @DisplayName("keeps a confined submission from reading the host's scratch folders or leaving a file in them")
    void confinedRunsCannotReachTheHostsScratch() throws IOException {
        Optional<Confinement> confinement = Confinement.forUser(Optional.empty());
        assumeTrue(confinement.isPresent() && confinement.get().hasPrivateScratch(),
                "the grader gives private scratch folders only as root, where it may make namespaces: "
                        + confinement.map(Confinement::describe).orElse("not root"));
        Path top = Path.of("/tmp", MARK + " grading");
        Cohorts.deleteTree(top);
        try {
            Files.createDirectories(top);
            Files.setPosixFilePermissions(top, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path kit = copyOfTheKitWithAProbe(top.resolve("a kit"));
            Path cohort = Files.createDirectories(top.resolve("sub missions"));
            Variant.ofSolution("alice").writeTo(Cohorts.KIT, cohort);
            for (String folder : SCRATCH) {
                Path planted = Path.of(folder, MARK + "-planted");
                Files.writeString(planted, "the host's", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Cohorts.Graded graded = Cohorts.gradeFolder(cohort, top.resolve("grades out"), "--kit", kit.toString());
            assertTrue(graded.log().contains("with private /tmp"), graded.log());
            StudentResult alice = graded.of("alice");
            Rubric.Scored probe = alice.checks().stream().filter(s -> s.check().className().endsWith("ScratchProbeTests"))
                    .findFirst().orElseThrow(() -> new AssertionError("the probe did not run: " + alice.reason()));
            assertEquals(Outcome.PASSED, probe.check().status(), () -> "the confined probe: " + probe.check().message());
            for (String folder : SCRATCH) {
                assertFalse(Files.exists(Path.of(folder, MARK + "-left")), "a confined run left a file in the host's " + folder);
            }
            assertEquals(100.0, alice.score(), 1e-9, () -> "the solution, graded from /tmp: " + alice.reason());
            String page = Files.readString(graded.out().resolve("index.html"), StandardCharsets.UTF_8);
            assertTrue(page.contains("with private /tmp"), "the cohort page should say how the checks ran");
        } finally {
            for (String folder : SCRATCH) {
                Files.deleteIfExists(Path.of(folder, MARK + "-planted"));
                Files.deleteIfExists(Path.of(folder, MARK + "-left"));
            }
            Cohorts.deleteTree(top);
        }
    }

    /** What the grader reads of a kit, copied to {@code copy}, with one more check: the probe. */
    private static Path copyOfTheKitWithAProbe(Path copy) throws IOException {
        for (String part : List.of("test-harness/checks", "test-harness/cross-host/checks", "test-harness/rubric.txt",
                "exercise-11-solution/src/main/java",
                "exercise-11-starter/src/main/java")) {
            Path from = Cohorts.KIT.resolve(part);
            if (Files.isDirectory(from)) {
                Cohorts.copyTree(from, copy.resolve(part));
            } else {
                Files.createDirectories(copy.resolve(part).getParent());
                Files.copy(from, copy.resolve(part));
            }
        }
        String probe = String.join("\n",
                "package exercise11.checks;",
                "",
                "import static org.junit.jupiter.api.Assertions.assertFalse;",
                "",
                "import java.nio.file.Files;",
                "import java.nio.file.Path;",
                "import org.junit.jupiter.api.Test;",
                "",
                "class ScratchProbeTests {",
                "    @Test",
                "    void seesNothingOfTheHostsScratch() throws Exception {",
                "        for (String folder : new String[] {\"/tmp\", \"/var/tmp\", \"/dev/shm\"}) {",
                "            Path planted = Path.of(folder, \"" + MARK + "-planted\");",
                "            assertFalse(Files.exists(planted), \"the host's \" + planted + \" is in reach\");",
                "            Files.writeString(Path.of(folder, \"" + MARK + "-left\"), \"left\");",
                "        }",
                "    }",
                "}",
                "");
        Files.writeString(copy.resolve("test-harness/checks/java/exercise11/checks/ScratchProbeTests.java"), probe,
                StandardCharsets.UTF_8);
        return copy;
    }
}
