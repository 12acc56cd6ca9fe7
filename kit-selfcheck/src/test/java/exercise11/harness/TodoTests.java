package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Todo")
class TodoTests {

    @Test
    @DisplayName("finds a stub thrown directly, as a cause, or as a suppressed exception")
    void findsStubsWhereverTheyAre() {
        UnsupportedOperationException stub = new UnsupportedOperationException("TODO 4: send it");
        assertEquals(Optional.of("TODO 4: send it"), Todo.stubIn(stub));
        assertEquals(Optional.of("TODO 4: send it"), Todo.stubIn(new AssertionError("wrapped", stub)));
        RuntimeException outer = new RuntimeException("outer");
        outer.addSuppressed(stub);
        assertEquals(Optional.of("TODO 4: send it"), Todo.stubIn(outer));
    }

    @Test
    @DisplayName("ignores an UnsupportedOperationException that is not a stub")
    void ignoresOtherUnsupportedOperations() {
        assertEquals(Optional.empty(), Todo.stubIn(new UnsupportedOperationException("read-only list")));
        assertEquals(Optional.empty(), Todo.stubIn(new UnsupportedOperationException()));
        assertEquals(Optional.empty(), Todo.stubIn(new IllegalStateException("TODO 3: not a stub's type")));
    }

    @Test
    @DisplayName("finds the stub a child JVM died of in its standard error")
    void findsStubsInChildOutput() {
        String stderr = "Exception in thread \"main\" java.lang.UnsupportedOperationException: TODO 5: bind it\n"
                + "\tat exercise11.UdpServer.openSocket(UdpServer.java:31)\n";
        assertEquals(Optional.of("TODO 5: bind it"), Todo.stubInOutput(stderr));
        assertEquals(5, Todo.number("pending, TODO 5: bind it"));
        assertEquals(-1, Todo.number("no marker"));
    }
}
