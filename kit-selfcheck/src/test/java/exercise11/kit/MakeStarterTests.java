package exercise11.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MakeStarter")
class MakeStarterTests {

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
}
