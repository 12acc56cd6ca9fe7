package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

@DisplayName("Generators")
class GeneratorsTests {

    @Test
    @DisplayName("utf8TextOfBytes stays within its byte range for every seed, so no property runs out of values")
    void textStaysInItsByteRange() {
        for (long seed = 1; seed <= 40; seed++) {
            QuickTheory.qt().withFixedSeed(seed).withExamples(50)
                    .forAll(Generators.utf8TextOfBytes(1024, 4096))
                    .check(text -> {
                        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
                        return bytes > 1024 && bytes <= 4096;
                    });
        }
    }

    @Test
    @DisplayName("utf8TextUpTo never exceeds its byte limit and never splits a character")
    void textUpToALimit() {
        QuickTheory.qt().withFixedSeed(7).withExamples(500).forAll(Generators.utf8TextUpTo(1024))
                .check(text -> text.getBytes(StandardCharsets.UTF_8).length <= 1024
                        && new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text));
    }

    @Test
    @DisplayName("refuses a byte range too narrow to hold every character")
    void refusesANarrowRange() {
        assertThrows(IllegalArgumentException.class, () -> Generators.utf8TextOfBytes(10, 12));
    }

    @Test
    @DisplayName("shows printable characters as they are and only invisible ones escaped")
    void showsTextAsAReaderSeesIt() {
        assertEquals("\"('127.0.0.1', 54321) é ✓ \uFFFD\"", Generators.quoted("('127.0.0.1', 54321) é ✓ \uFFFD"));
        assertEquals("\"a\\u0000b\\u001Bc\\u200Bd\"", Generators.quoted("a\u0000b\u001bc\u200bd"));
    }

    @Test
    @DisplayName("shows a long value cut around its first difference, with both lengths")
    void showsTheFirstDifferenceOfLongValues() {
        String expected = "ATU " + "x".repeat(300) + "END";
        String actual = "ATU " + "x".repeat(300) + "ENDING" + "y".repeat(700);
        String shown = Generators.compared(expected, actual);
        assertEquals(true, shown.endsWith("(307 chars expected, 1010 got; first difference at index 307)")
                && shown.contains("END") && shown.length() < 400, shown);
    }
}
