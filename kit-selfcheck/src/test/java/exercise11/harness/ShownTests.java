package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@DisplayName("Shown")
class ShownTests {

    @Test
    @DisplayName("shows a short value whole, with the lengths and the index of the first difference")
    void showsShortValuesWhole() {
        assertEquals("expected \"ATU one\" but got \"ATU One\" (7 chars each; first difference at index 4)",
                Shown.texts("ATU one", "ATU One"));
        assertEquals("both \"same\"", Shown.texts("same", "same"));
        assertEquals("\"a\\u0000b\"", Shown.text("a\u0000b"));
    }

    @Test
    @DisplayName("cuts a decode bug's 1024 characters with NULs to a window around the first difference")
    void cutsARunOfNulsAroundTheFirstDifference() {
        char[] buffer = new char[1024];
        Arrays.fill(buffer, '\u0000');
        "one".getChars(0, 3, buffer, 0);
        String decoded = new String(buffer);
        String shown = Shown.texts("one", decoded);
        assertTrue(shown.startsWith("expected \"one\" but got \"one\\u0000\\u0000"), shown);
        assertTrue(shown.endsWith("...\" (3 chars expected, 1024 got; first difference at index 3)"), shown);
        assertTrue(shown.length() < 200, () -> shown.length() + " characters: " + shown);
        String alone = Shown.text(decoded);
        assertTrue(alone.endsWith("...\" (1024 chars)") && alone.length() < 120, alone);
    }

    @Test
    @DisplayName("keeps the first difference of two long values in sight, with what comes before it")
    void keepsTheDifferenceOfLongValuesInSight() {
        String expected = "x".repeat(500) + "EXPECTED" + "y".repeat(500);
        String actual = "x".repeat(500) + "ACTUAL" + "y".repeat(500);
        String shown = Shown.texts(expected, actual);
        assertTrue(shown.contains("\"...xxx") && shown.contains("EXPECTED") && shown.contains("ACTUAL"), shown);
        assertTrue(shown.endsWith("(1008 chars expected, 1006 got; first difference at index 500)"), shown);
        assertTrue(shown.length() < 260, shown);
    }

    @Test
    @DisplayName("shows bytes in hex around their first difference, with their counts")
    void showsBytesAroundTheirFirstDifference() {
        byte[] expected = new byte[1024];
        byte[] actual = expected.clone();
        actual[700] = 0x41;
        String shown = Shown.bytes(expected, actual);
        assertTrue(shown.startsWith("expected [1024 bytes] ... 00") && shown.contains(" 41 ")
                && shown.endsWith("(first difference at index 700)"), shown);
        assertTrue(shown.length() < 300, shown);
        assertEquals("[3 bytes] 41 54 55", Shown.bytes(new byte[] {0x41, 0x54, 0x55}));
    }

    @Test
    @DisplayName("shows a list of lines with each line cut and at most a dozen of them")
    void showsListsOfLinesBounded() {
        String shown = Shown.lines(Collections.nCopies(50, "\u0000".repeat(1000)));
        assertTrue(shown.endsWith(", ... (50 lines)]"), shown);
        assertTrue(shown.length() < 12 * 120, () -> shown.length() + " characters");
        assertEquals("[\"a\", \"\\u0009b\"]", Shown.lines(List.of("a", "\tb")));
    }

    @Test
    @DisplayName("keeps a transcript's tabs and long stack-trace lines readable, and cuts only what is too long")
    void showsTranscriptLines() {
        assertEquals("\tat exercise11.UdpServer.serve(UdpServer.java:80)", Shown.line("\tat exercise11.UdpServer.serve(UdpServer.java:80)"));
        String transcript = Transcript.of("command: UdpServer", Collections.nCopies(100, "x".repeat(5000)), List.of());
        assertTrue(transcript.contains("... and 60 more lines") && transcript.length() < 40 * 300, () -> transcript.length()
                + " characters");
    }

    @Test
    @DisplayName("fails as assertEquals does, expected and actual cut around their first difference")
    void assertsLikeAssertEquals() {
        Shown.assertSameText("a", "a", "never shown");
        AssertionFailedError shortOne = assertThrows(AssertionFailedError.class,
                () -> Shown.assertSameText("2022-10-13 12:38:01", "2022-10-13T12:38:01", "TODO 1: a space"));
        assertEquals("TODO 1: a space ==> expected: <2022-10-13 12:38:01> but was: <2022-10-13T12:38:01>", shortOne.getMessage());
        AssertionFailedError longOne = assertThrows(AssertionFailedError.class,
                () -> Shown.assertSameText("ATU", "ATU" + "\u0000".repeat(2000), "TODO 7: only the bytes received"));
        assertTrue(longOne.getMessage().endsWith("(3 chars expected, 2003 got; first difference at index 3)")
                && longOne.getMessage().length() < 250, longOne.getMessage());
    }
}
