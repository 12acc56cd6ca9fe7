package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.kit.Export;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/export gradescope}, laid out as Gradescope lays it out: the zip unpacked into {@code ROOT/source},
 * {@code run_autograder} copied to {@code ROOT}, {@code setup.sh} run once, then each upload in
 * {@code ROOT/submission} graded into {@code ROOT/results/results.json}. {@code EXERCISE11_AUTOGRADER_ROOT} moves
 * {@code /autograder} to a folder of the test's own.
 */
@DisplayName("Gradescope's autograder (bin/export gradescope)")
class GradescopeExportTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "gradescope").toAbsolutePath();
    private static final Pattern SCORE = Pattern.compile("\"score\": ([0-9.]+)");
    private static Path zip;
    private static Path root;

    @BeforeAll
    static void exportUnpackAndSetUp() throws Exception {
        Cohorts.deleteTree(WORK);
        zip = WORK.resolve("autograder.zip");
        Export.gradescope(Cohorts.KIT, zip);
        // Like Gradescope's /autograder, a folder every user can reach: the student's code runs as 'nobody', which
        // must read the grader's libraries (a build folder may sit below a private one, such as a mktemp folder).
        root = Files.createTempDirectory("exercise11-autograder");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(archive.getEntries())) {
                Path file = root.resolve("source").resolve(entry.getName());
                Files.createDirectories(file.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, file);
                }
                if ((entry.getUnixMode() & 0100) != 0) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        Files.copy(root.resolve("source/run_autograder"), root.resolve("run_autograder"));
        Files.setPosixFilePermissions(root.resolve("run_autograder"), PosixFilePermissions.fromString("rwxr-xr-x"));
        run(root.resolve("source/setup.sh"));
    }

    @AfterAll
    static void removeTheRoot() throws IOException {
        if (root != null) {
            Cohorts.deleteTree(root);
        }
    }

    @Test
    @DisplayName("has setup.sh and run_autograder at its root, executable, with LF line ends")
    void scriptsAtTheRoot() throws IOException {
        try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
            for (String script : List.of("setup.sh", "run_autograder")) {
                ZipArchiveEntry entry = archive.getEntry(script);
                assertTrue(entry != null, script + " is not at the zip's root");
                assertEquals(0755, entry.getUnixMode() & 0777, script + " should be executable");
                try (InputStream in = archive.getInputStream(entry)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertFalse(text.contains("\r"), script + " has CR line ends");
                    assertTrue(text.startsWith("#!/usr/bin/env bash\n"), script);
                }
            }
        }
    }

    @Test
    @DisplayName("grades the whole repository of a finished student at 100")
    void gradesARepository() throws Exception {
        Path upload = upload();
        Cohorts.copyTree(Cohorts.KIT.resolve("exercise-11-solution/src"), upload.resolve("my-repo/src"));
        assertEquals(100.0, grade(), 1e-6, this::results);
    }

    @Test
    @DisplayName("grades the untouched starter folder at 0")
    void gradesTheStarter() throws Exception {
        Path upload = upload();
        Cohorts.copyTree(Cohorts.KIT.resolve("exercise-11-starter/src"), upload.resolve("exercise-11-starter/src"));
        assertEquals(0.0, grade(), 1e-6, this::results);
        assertTrue(results().contains("\"visibility\": \"after_published\""), "graded, hidden check included: " + results());
    }

    @Test
    @DisplayName("grades UdpClient.java and UdpServer.java uploaded flat at 100")
    void gradesTwoFlatFiles() throws Exception {
        Path upload = upload();
        for (String file : List.of("UdpClient.java", "UdpServer.java")) {
            Files.copy(Cohorts.KIT.resolve("exercise-11-solution/src/main/java/exercise11").resolve(file), upload.resolve(file));
        }
        assertEquals(100.0, grade(), 1e-6, this::results);
    }

    @Test
    @DisplayName("says so in results.json when the code does not compile")
    void reportsACompileError() throws Exception {
        Path upload = upload();
        Files.copy(Cohorts.KIT.resolve("exercise-11-solution/src/main/java/exercise11/UdpClient.java"), upload.resolve("UdpClient.java"));
        Files.writeString(upload.resolve("UdpServer.java"), "package exercise11;\npublic final class UdpServer {\n");
        double score = grade();
        String results = results();
        assertTrue(results.contains("does not compile") && results.contains("UdpServer.java"), results);
        assertTrue(score < 100, results);
    }

    @Test
    @DisplayName("writes a result that says what happened when the upload holds no exercise file")
    void reportsAnEmptyUpload() throws Exception {
        Files.writeString(upload().resolve("notes.txt"), "nothing here");
        assertEquals(0.0, grade(), 1e-6, this::results);
        assertTrue(results().contains("There is no UdpClient.java or UdpServer.java"), results());
    }

    @Test
    @DisplayName("ends by itself at its own time limit, says so in results.json, and leaves no work folder")
    void endsAtItsOwnTimeLimit() throws Exception {
        Cohorts.copyTree(Cohorts.KIT.resolve("exercise-11-solution/src"), upload().resolve("src"));
        // A limit too short to grade anything: the grader is stopped, and the run must still end tidily.
        assertEquals(0.0, grade(Map.of("EXERCISE11_AUTOGRADER_LIMIT", "2")), 1e-6, this::results);
        assertTrue(results().contains("longer than the autograder's limit of 2 s"), results());
    }

    @Test
    @DisplayName("stopped from outside with TERM, still writes a result and leaves no work folder")
    void endsTidilyOnTerm() throws Exception {
        Cohorts.copyTree(Cohorts.KIT.resolve("exercise-11-solution/src"), upload().resolve("src"));
        List<String> before = workFolders();
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("run_autograder").toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("EXERCISE11_AUTOGRADER_ROOT", root.toString());
        Process process = builder.start();
        // Wait (bounded) until it is grading: its work folder holds the grader's log.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until && !grading(before)) {
            Thread.sleep(50);
        }
        assertTrue(grading(before), "run_autograder did not start grading");
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "run_autograder did not end after TERM");
        List<String> left = new java.util.ArrayList<>(workFolders());
        left.removeAll(before);
        assertEquals(List.of(), left, "run_autograder left its work folder behind");
        assertTrue(results().contains("stopped from outside"), results());
    }

    /** Whether a work folder that was not there {@code before} holds the grader's log. */
    private static boolean grading(List<String> before) throws IOException {
        for (String folder : workFolders()) {
            if (!before.contains(folder) && Files.exists(Path.of("/tmp", folder, "grade.log"))) {
                return true;
            }
        }
        return false;
    }

    /** An empty {@code submission} folder, as Gradescope gives each upload. */
    private static Path upload() throws IOException {
        Path upload = root.resolve("submission");
        Cohorts.deleteTree(upload);
        Cohorts.deleteTree(root.resolve("results"));
        return Files.createDirectories(upload);
    }

    /**
     * Run {@code run_autograder}; return the score in {@code results.json}, which it must always write. However it
     * ends, it leaves no work folder of its own in {@code /tmp}.
     */
    private double grade() throws Exception {
        return grade(Map.of());
    }

    private double grade(Map<String, String> environment) throws Exception {
        List<String> before = workFolders();
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("EXERCISE11_AUTOGRADER_ROOT", root.toString());
        Cohorts.run(root, all, "bash", root.resolve("run_autograder").toString());
        List<String> left = new java.util.ArrayList<>(workFolders());
        left.removeAll(before);
        assertEquals(List.of(), left, "run_autograder left its work folder behind");
        Matcher score = SCORE.matcher(results());
        assertTrue(score.find(), this::results);
        return Double.parseDouble(score.group(1));
    }

    private String results() {
        try {
            return Files.readString(root.resolve("results/results.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no results.json: " + e;
        }
    }

    /** The work folders that {@code run_autograder} makes ({@code mktemp -d /tmp/exercise11-XXXXXX}) now in /tmp. */
    private static List<String> workFolders() throws IOException {
        try (java.util.stream.Stream<Path> folders = Files.list(Path.of("/tmp"))) {
            return folders.map(p -> p.getFileName().toString()).filter(n -> n.matches("exercise11-[A-Za-z0-9]{6}")).sorted().toList();
        }
    }

    private static void run(Path script) throws Exception {
        Cohorts.run(root, Map.of("EXERCISE11_AUTOGRADER_ROOT", root.toString()), "bash", script.toString());
    }
}
