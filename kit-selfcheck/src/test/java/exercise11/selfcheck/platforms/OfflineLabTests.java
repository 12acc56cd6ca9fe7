package exercise11.selfcheck.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.SubmissionGrader;
import exercise11.kit.Export;
import exercise11.kit.offline.OfflineRepository;
import exercise11.selfcheck.Cohorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/export student DIR --offline}, proved as a lab with no network uses it: each build runs in a network
 * namespace whose only interface is its loopback, with a user folder of its own, so {@code ~/.m2} is empty and
 * there is no settings file; Maven Central cannot be reached, and everything must come from the repository's own
 * {@code offline-repository/}.
 */
@DisplayName("A lab with no network: the repository from bin/export student --offline")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineLabTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "offline lab")
            .toAbsolutePath();
    private static final Pattern SUMMARY = Pattern.compile("Exercise 11 checks: (\\d+) passed, (\\d+) failed, (\\d+) pending");
    private static Path exported;

    @BeforeAll
    static void export() throws IOException {
        SubmissionGrader.deleteTree(WORK);
        exported = WORK.resolve("exported");
        Export.student(Cohorts.KIT, exported, true);
    }

    @Test
    @Order(1)
    @DisplayName("carries its build in offline-repository/, named first in the pom, committed, its size in the student guide")
    void carriesItsBuild() throws IOException {
        Path folder = exported.resolve(OfflineRepository.FOLDER);
        assertTrue(Files.isDirectory(folder.resolve("org/junit/jupiter")), "no JUnit in " + folder);
        assertTrue(Files.isDirectory(folder.resolve("org/apache/maven/plugins/maven-surefire-plugin")), "no surefire in " + folder);
        assertTrue(Files.isDirectory(folder.resolve("org/testcontainers")), "no Testcontainers (for -Pcross-host) in " + folder);
        try (Stream<Path> files = Files.walk(folder)) {
            List<String> leftovers = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".lastUpdated") || n.equals("_remote.repositories")).toList();
            assertEquals(List.of(), leftovers, "the local repository's bookkeeping was carried along");
        }
        String pom = Files.readString(exported.resolve("pom.xml"), StandardCharsets.UTF_8);
        assertTrue(pom.contains("<url>${project.baseUri}" + OfflineRepository.FOLDER + "</url>"), pom);
        assertTrue(pom.indexOf("<pluginRepositories>") > 0 && pom.indexOf("<repositories>") < pom.indexOf("<dependencies>"), pom);
        String guide = Files.readString(exported.resolve("docs/student-guide.md"), StandardCharsets.UTF_8);
        String size = OfflineRepository.shown(OfflineRepository.bytesIn(folder));
        assertTrue(guide.contains("### With no network") && guide.contains("`" + OfflineRepository.FOLDER + "/` (" + size + ")")
                && guide.contains("bin/export student DIR --offline"), "the guide does not say what the folder is, how big"
                + " (" + size + ") and how to refresh it");
        String tracked = git(exported, "ls-files", OfflineRepository.FOLDER);
        assertTrue(tracked.lines().anyMatch(line -> line.endsWith(".jar")), "offline-repository/ is not committed");
        assertEquals("", git(exported, "status", "--porcelain").strip());
        assertEquals(OfflineRepository.MAVEN_CONFIG, Files.readString(exported.resolve(".mvn/maven.config"), StandardCharsets.UTF_8),
                "without it, mvn -o would not read the folder");
    }

    @Test
    @Order(2)
    @DisplayName("with no network and an empty ~/.m2: the untouched starter is green with every TODO pending")
    void starterBuildsOffline() throws IOException {
        Path clone = cloneOf("starter");
        String output = offlineBuild(clone, "starter");
        int[] counts = summary(output);
        assertEquals(0, counts[1], output);
        assertTrue(counts[2] > 0, output);
        for (int todo = 1; todo <= 9; todo++) {
            assertTrue(output.contains("TODO " + todo + "     not started"), "TODO " + todo + " should be not started\n" + output);
        }
    }

    @Test
    @Order(3)
    @DisplayName("with no network and an empty ~/.m2: the solution's bodies dropped in pass every check, -Pcross-host too")
    void solutionBuildsOffline() throws IOException {
        Path clone = cloneOf("solution");
        SubmissionGrader.copyTree(Cohorts.KIT.resolve("exercise-11-solution/src/main/java"), clone.resolve("src/main/java"));
        String output = offlineBuild(clone, "solution", "-Pcross-host");
        int[] counts = summary(output);
        assertEquals(0, counts[1], output);
        assertEquals(0, counts[2], output);
        assertTrue(output.contains("All nine TODOs done: every check passes."), output);
    }

    private static Path cloneOf(String name) throws IOException {
        Path clone = WORK.resolve(name);
        git(WORK, "clone", "-q", exported.toString(), clone.toString());
        return clone;
    }

    private static String git(Path folder, String... args) throws IOException {
        String[] command = Stream.concat(Stream.of("git"), Stream.of(args)).toArray(String[]::new);
        ForeignLoopback.Ran ran = ForeignLoopback.here(folder, List.of(), command);
        assertEquals(0, ran.exitCode(), () -> String.join(" ", command) + " failed:\n" + ran.output());
        return ran.output();
    }

    /**
     * {@code mvn -B verify} in {@code clone}, inside a network namespace with nothing but its loopback and with a user
     * folder of its own, empty; fail unless it succeeds having fetched nothing from anywhere but the offline folder.
     */
    private static String offlineBuild(Path clone, String name, String... options) throws IOException {
        // In the system's temporary folder, whose path has no space: MAVEN_OPTS is split at spaces.
        Path home = Files.createTempDirectory("exercise11-lab-home-" + name + "-");
        Path repository = home.resolve(".m2/repository");
        assertFalse(Files.exists(repository), "the user folder should start empty");
        ForeignLoopback.Ran links = ForeignLoopback.run(null, clone, List.of(), "ip", "-o", "link", "show");
        if (links.exitCode() != 0) {
            assertTrue(System.getenv(ForeignLoopback.REQUIRE_VARIABLE) == null,
                    ForeignLoopback.REQUIRE_VARIABLE + " is set but no network namespace could be made: " + links.output());
            Assumptions.abort("no network namespace can be made here (root and unshare are needed): " + links.output().strip());
        }
        List<String> interfaces = links.output().lines().map(line -> line.split(":")[1].strip()).toList();
        assertEquals(List.of("lo"), interfaces, "the namespace should have no interface but its loopback:\n" + links.output());
        String[] command = Stream.concat(Stream.of("env", "MAVEN_OPTS=-Duser.home=" + home, "mvn", "-B", "verify"),
                Stream.of(options)).toArray(String[]::new);
        ForeignLoopback.Ran build = ForeignLoopback.run(null, clone, List.of("MAVEN_OPTS", "MAVEN_ARGS"), command);
        assertEquals(0, build.exitCode(), () -> "the offline build failed:\n" + build.output());
        assertTrue(build.output().contains("BUILD SUCCESS"), build.output());
        assertTrue(build.output().contains("Downloaded from " + OfflineRepository.ID), "nothing came from the offline folder:\n"
                + build.output());
        assertFalse(build.output().contains("from central"), "something was fetched from Maven Central:\n" + build.output());
        assertTrue(Files.isDirectory(repository), "the build did not use the empty user folder's ~/.m2");
        SubmissionGrader.deleteTree(home);
        return build.output();
    }

    private static int[] summary(String output) {
        Matcher m = SUMMARY.matcher(output);
        assertTrue(m.find(), "no summary in the build's output:\n" + output);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }
}
