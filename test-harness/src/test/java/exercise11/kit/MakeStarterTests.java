package exercise11.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MakeStarter")
class MakeStarterTests {

    private static final Path KIT = Path.of(System.getProperty("kit.root", ".."));

    @Test
    @DisplayName("turns a marked section into a stub that throws its TODO text, and drops imports only it used")
    void stubsAMarkedSection() {
        String solution = String.join("\n",
                "import java.nio.charset.StandardCharsets;",
                "import java.util.List;",
                "class A {",
                "    List<String> f() {",
                "        // >>> TODO 7: say \"hi\" in UTF-8",
                "        return new String(new byte[0], StandardCharsets.UTF_8);",
                "        // <<< TODO 7",
                "    }",
                "}");
        String expected = String.join("\n",
                "import java.util.List;",
                "class A {",
                "    List<String> f() {",
                "        // TODO 7: say \"hi\" in UTF-8",
                "        throw new UnsupportedOperationException(\"TODO 7: say \\\"hi\\\" in UTF-8\");",
                "    }",
                "}");
        assertEquals(expected, MakeStarter.stub(solution, "A.java"));
    }

    @Test
    @DisplayName("refuses a section that is never closed, or closed by another number")
    void refusesBrokenMarkers() {
        assertThrows(IllegalArgumentException.class, () -> MakeStarter.stub("// >>> TODO 1: x\nreturn;\n", "A.java"));
        assertThrows(IllegalArgumentException.class, () -> MakeStarter.stub("// >>> TODO 1: x\n// <<< TODO 2\n", "A.java"));
        assertThrows(IllegalArgumentException.class, () -> MakeStarter.stub("// <<< TODO 2\n", "A.java"));
    }

    @Test
    @DisplayName("the committed starter is exactly what the solution generates")
    void starterIsUpToDate() {
        Map<Path, String> expected = MakeStarter.starterFiles(KIT.resolve("exercise-11-solution"));
        assertTrue(expected.size() >= 5, "expected the solution's sources, found " + expected.keySet());
        assertEquals(List.of(), MakeStarter.differences(expected, KIT.resolve("exercise-11-starter")),
                "The starter is stale; regenerate it from the kit's root:"
                        + " java test-harness/src/main/java/exercise11/kit/MakeStarter.java");
    }

    @Test
    @DisplayName("every starter stub is numbered 1 to 9 once, so the TODO numbers a student sees are complete")
    void starterHasEachTodoOnce() {
        String all = String.join("\n", MakeStarter.starterFiles(KIT.resolve("exercise-11-solution")).values());
        for (int n = 1; n <= 9; n++) {
            String marker = "throw new UnsupportedOperationException(\"TODO " + n + ": ";
            int first = all.indexOf(marker);
            assertTrue(first >= 0 && all.indexOf(marker, first + 1) < 0, "TODO " + n + " should have exactly one stub");
        }
        assertTrue(all.indexOf("TODO 10:") < 0, "there should be no TODO 10; update the docs' table if there is");
    }
}
