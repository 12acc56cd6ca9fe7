package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.Compilation;
import exercise11.grader.PublicApi;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Starter and solution")
class ApiContractTests {

    @Test
    @DisplayName("expose the same public classes, fields, constructors and methods")
    void exposeTheSameApi(@TempDir Path temp) throws Exception {
        Set<String> starter = PublicApi.of(compile("exercise-11-starter", temp));
        Set<String> solution = PublicApi.of(compile("exercise-11-solution", temp));
        assertTrue(solution.size() > 20, "expected the solution's API, found " + solution);
        assertEquals(solution, starter, "the starter's public API must be the solution's");
    }

    private static Path compile(String module, Path temp) throws Exception {
        Path out = temp.resolve(module);
        Compilation.Result result = Compilation.compile(Compilation.javaFiles(Cohorts.KIT.resolve(module).resolve("src/main/java")), "", out);
        assertTrue(result.ok(), () -> module + " does not compile: " + result.errors());
        return out;
    }
}
