package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.kit.MakeStarter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The committed starter is what the solution generates. These live here, in the root build only, because a
 * student's build of the starter must not fail once the student has edited it.
 */
@DisplayName("The committed starter")
class StarterTests {

    private static final Path KIT = Cohorts.KIT;

    @Test
    @DisplayName("is exactly what the solution generates")
    void starterIsUpToDate() {
        Map<Path, String> expected = MakeStarter.starterFiles(KIT.resolve("exercise-11-solution"));
        assertTrue(expected.size() >= 5, "expected the solution's sources, found " + expected.keySet());
        assertEquals(List.of(), MakeStarter.differences(expected, KIT.resolve("exercise-11-starter")),
                "The starter is stale; regenerate it from the kit's root:"
                        + " java test-harness/tools/src/main/java/exercise11/kit/MakeStarter.java");
    }

    @Test
    @DisplayName("has one stub for each of TODO 1 to 9, so the numbers a student sees are complete")
    void starterHasEachTodoOnce() {
        String all = String.join("\n", MakeStarter.starterFiles(KIT.resolve("exercise-11-solution")).values());
        for (int n = 1; n <= 9; n++) {
            String marker = "throw new UnsupportedOperationException(\"TODO " + n + ": ";
            int first = all.indexOf(marker);
            assertTrue(first >= 0 && all.indexOf(marker, first + 1) < 0, "TODO " + n + " should have exactly one stub");
        }
        assertTrue(all.indexOf("TODO 10:") < 0, "there should be no TODO 10; update the docs' table if there is");
    }

    @Test
    @DisplayName("with --done, keeps the solution's code of those TODOs and stubs the others (the docs' examples)")
    void aPartlyDoneCopyKeepsTheTodosDone() {
        Map<Path, String> files = MakeStarter.starterFiles(KIT.resolve("exercise-11-solution"), java.util.Set.of(1, 2));
        String client = files.get(Path.of("src/main/java/exercise11/UdpClient.java"));
        assertTrue(client.contains("return text.getBytes(StandardCharsets.UTF_8);") && !client.contains("\"TODO 2: ")
                && !client.contains("\"TODO 1: ") && client.contains("throw new UnsupportedOperationException(\"TODO 3: ")
                && !client.contains("// >>> TODO") && !client.contains("// <<< TODO"), client);
        assertTrue(files.get(Path.of("src/main/java/exercise11/UdpServer.java")).contains("\"TODO 9: "));
    }
}
