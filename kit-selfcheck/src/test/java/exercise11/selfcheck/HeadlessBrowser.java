package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The grader's pages opened in a real headless browser (Chromium). CI requires one ({@code EXERCISE11_REQUIRE_BROWSER=1});
 * elsewhere a test that needs it is skipped, saying why, when none is installed.
 */
final class HeadlessBrowser {

    private static final Pattern EVALUATED = Pattern.compile("<pre id=\"evaluated\"[^>]*>([A-Za-z0-9+/=]*)</pre>");

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
        return dom(page, width, 5000);
    }

    /**
     * As {@link #dom(Path, int)}, with {@code budget} milliseconds of the page's virtual time (timers and promises that
     * run before the DOM is dumped; a page's work on the processor does not spend it).
     */
    Result dom(Path page, int width, int budget) throws Exception {
        return browse("--enable-logging=stderr", "--v=0", "--virtual-time-budget=" + budget, "--window-size=" + width + ",2400",
                "--dump-dom", page.toUri().toString());
    }

    /**
     * Run {@code function}, the source of a JavaScript function (it may be async), in {@code page} once it has loaded,
     * and return the JSON of what it returned. {@code scripts} are put in the page first, each in its own element. The
     * page itself is left as it is: a copy of it, written beside it (its relative links resolve as from the page) with
     * the scripts before its {@code </body>}, is opened and deleted; the function's result comes back through the DOM
     * (Base64, so that no HTML escaping changes it). Fails, with the browser's log, if the function never returned.
     */
    String evaluate(Path page, List<String> scripts, String function, int budget) throws Exception {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        assertTrue(end > 0, page + " has no </body>");
        StringBuilder injected = new StringBuilder();
        for (String script : scripts) {
            assertFalse(script.contains("</script"), "a script to inject would end its element early");
            injected.append("<script>\n").append(script).append("\n</script>\n");
        }
        injected.append("<script>\nwindow.addEventListener('load', () => {\n"
                + "  const report = data => {\n"
                + "    const out = document.createElement('pre');\n"
                + "    out.id = 'evaluated';\n"
                + "    out.hidden = true;\n"
                + "    out.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(data))));\n"
                + "    document.body.appendChild(out);\n"
                + "  };\n"
                + "  Promise.resolve().then(() => (").append(function).append(")())\n"
                + "    .then(value => report({value: value}), e => report({error: String(e && e.stack || e)}));\n"
                + "});\n</script>\n");
        Path copy = page.resolveSibling(".evaluated-" + page.getFileName());
        Files.writeString(copy, html.substring(0, end) + injected + html.substring(end), StandardCharsets.UTF_8);
        Result dom;
        try {
            dom = dom(copy, 1280, budget);
        } finally {
            Files.delete(copy);
        }
        Matcher result = EVALUATED.matcher(dom.stdout());
        assertTrue(result.find(), "the script returned nothing in " + page + "; the browser said:\n" + dom.stderr());
        String json = new String(Base64.getDecoder().decode(result.group(1)), StandardCharsets.UTF_8);
        assertFalse(json.startsWith("{\"error\""), "the script failed in " + page + ": " + json);
        assertTrue(json.startsWith("{\"value\":") && json.endsWith("}"), json);
        return json.substring("{\"value\":".length(), json.length() - 1);
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
