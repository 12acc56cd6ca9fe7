package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@DisplayName("JavaProgram")
class JavaProgramTests {

    /** A program that never ends by itself, as a server whose serve ignores --count. */
    public static final class Endless {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("Listening on 127.0.0.1:0");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    @DisplayName("a program that does not stop is killed, and the failure says which TODO should have stopped it")
    void namesTheTodoWhenAProgramDoesNotStop() {
        // The self-check points exercise11.classes at the solution; this program is one of the tests' own classes.
        String configured = System.clearProperty(JavaProgram.CLASSES_PROPERTY);
        try (JavaProgram program = JavaProgram.start(Endless.class.getName())) {
            program.awaitLine("its first line", line -> line.startsWith("Listening"), Bounds.event());
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> program.awaitExit(Duration.ofMillis(200), "TODO 9: serve must return after limit datagrams."));
            assertTrue(failure.getMessage().contains("did not stop by itself within 200 ms, so it was killed."
                    + " TODO 9: serve must return after limit datagrams."), failure::getMessage);
            assertTrue(failure.getMessage().contains("Listening on 127.0.0.1:0"), "the transcript follows: " + failure.getMessage());
        } finally {
            if (configured != null) {
                System.setProperty(JavaProgram.CLASSES_PROPERTY, configured);
            }
        }
    }
}
