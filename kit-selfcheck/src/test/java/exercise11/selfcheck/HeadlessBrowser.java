package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The grader's pages opened in a real headless browser (Chromium). CI requires one ({@code EXERCISE11_REQUIRE_BROWSER=1});
 * elsewhere a test that needs it is skipped, saying why, when none is installed.
 */
final class HeadlessBrowser {

    private final String program;
    private final Path profile;

    private HeadlessBrowser(String program, Path profile) {
        this.program = program;
        this.profile = profile;
    }

    /** What the browser printed. */
    record Result(String stdout, String stderr) {
    }

    /** A browser with a fresh profile under {@code work}, or the caller skipped (failed where CI requires one). */
    static HeadlessBrowser start(Path work) throws Exception {
        Optional<String> browser = Stream.of("chromium", "chromium-browser", "google-chrome").filter(HeadlessBrowser::onPath).findFirst();
        if (browser.isEmpty()) {
            assertTrue(System.getenv("EXERCISE11_REQUIRE_BROWSER") == null, "EXERCISE11_REQUIRE_BROWSER is set but no Chromium is installed");
            Assumptions.abort("no Chromium on this machine (apt-get install chromium); CI runs this test");
        }
        Files.createDirectories(work);
        return new HeadlessBrowser(browser.get(), Files.createTempDirectory(work, "browser-profile"));
    }

    /** Run the browser with {@code args}; fail unless it ends well. */
    Result browse(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(program, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(profile.getParent(), "browser", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the browser did not end");
        String stderr = Files.readString(err);
        Files.delete(err);
        assertEquals(0, process.exitValue(), "the browser failed:\n" + stderr);
        return new Result(out, stderr);
    }

    /** The page's DOM once loaded and its scripts run, with the browser's console lines on its standard error. */
    Result dom(Path page, int width) throws Exception {
        return browse("--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--window-size=" + width + ",2400",
                "--dump-dom", page.toUri().toString());
    }

    /** Delete the profile. */
    void close() throws java.io.IOException {
        Cohorts.deleteTree(profile);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
