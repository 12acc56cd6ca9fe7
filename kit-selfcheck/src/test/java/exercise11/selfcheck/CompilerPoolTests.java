package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.build.Compilation;
import exercise11.grader.build.compiler.CompilerPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm compiler processes that compile submissions: the same messages as the {@code javac} command, one process
 * reused while compiles go well, a runaway compile killed at the limit with its process, nothing left after close.
 */
@DisplayName("The grader's warm compiler processes")
class CompilerPoolTests {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a good compile gives classes, a broken one javac's own lines, and one process does both")
    void reusesOneProcessAndKeepsJavacsMessages() throws IOException {
        try (CompilerPool pool = new CompilerPool(Duration.ofMinutes(2))) {
            Path good = write("good/exercise11/Good.java", "package exercise11;\n\nfinal class Good {\n}\n");
            Compilation.Result ok = Compilation.compileBounded(pool, List.of(good), "", temp.resolve("good-classes"));
            assertTrue(ok.ok(), ok::errors);
            assertTrue(Files.isRegularFile(temp.resolve("good-classes/exercise11/Good.class")));

            Path bad = write("bad/exercise11/Bad.java", "package exercise11;\n\nfinal class Bad {\n    int n = \"text\";\n}\n");
            Compilation.Result broken = Compilation.compileBounded(pool, List.of(bad), "", temp.resolve("bad-classes"));
            assertEquals(false, broken.ok());
            assertTrue(broken.errors().startsWith("Bad.java:4: incompatible types: String cannot be converted to int"),
                    broken::errors);
            assertTrue(broken.errors().contains("    int n = \"text\";"), broken::errors);
            assertEquals(1, pool.processes(), "a compile that reports errors in the source keeps its process");
        }
    }

    @Test
    @DisplayName("a compile that cannot end fails at the limit saying so, its process is killed, and the next compile gets a new one")
    void killsARunawayCompile() throws Exception {
        // A compile that never ends on any machine, however fast: the class it needs is a named pipe on the classpath
        // that nobody writes, so javac waits on reading it until the pool kills it. The limit is only the time a small
        // compile in a new process needs on a loaded machine, with room to spare.
        Path uses = write("stuck/exercise11/Uses.java", "package exercise11;\n\nfinal class Uses {\n    Dep dep;\n}\n");
        Path classpath = Files.createDirectories(temp.resolve("stuck-classpath/exercise11")).getParent();
        Process mkfifo = new ProcessBuilder("mkfifo", classpath.resolve("exercise11/Dep.class").toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        Path good = write("good/exercise11/Good.java", "package exercise11;\n\nfinal class Good {\n}\n");
        ProcessHandle[] seen = new ProcessHandle[1];
        try (CompilerPool pool = new CompilerPool(Duration.ofSeconds(20))) {
            Compilation.Result result = Compilation.compileBounded(pool, List.of(uses), classpath.toString(),
                    temp.resolve("stuck-classes"));
            assertEquals(false, result.ok());
            // The compile cannot end, so only the pool's limit stops it; the student is told which limit.
            assertTrue(result.errors().contains(pool.limit().toSeconds() + " s, the grader's limit for a compile"), result::errors);
            assertEquals(0, pool.processes(), "the runaway compile's process is gone");
            Compilation.Result next = Compilation.compileBounded(pool, List.of(good), "", temp.resolve("good-classes"));
            assertTrue(next.ok(), next::errors);
            assertEquals(1, pool.processes());
            seen[0] = compilerProcesses().get(0);
        }
        assertTrue(seen[0].onExit().isDone() || !seen[0].isAlive(), "close ends every compiler process");
        assertEquals(List.of(), compilerProcesses(), "no compiler process is left after close");
    }

    private static List<ProcessHandle> compilerProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(
                        "exercise11.grader.build.compiler.CompilerServer")).toList();
    }

    private Path write(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
