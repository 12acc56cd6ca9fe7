package exercise11.harness;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link PrintStream} for in-process checks that keeps what was printed and completes a future at the first line. */
public final class PrintedLines {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();
    private final PrintStream stream = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
            synchronized (bytes) {
                bytes.write(b);
                if (b == '\n') {
                    firstLine.complete(lines().get(0));
                }
            }
        }
    }, true, StandardCharsets.UTF_8);

    /** Return the stream to hand to the code under test. */
    public PrintStream stream() {
        return stream;
    }

    /** Return a future that completes with the first line printed. */
    public CompletableFuture<String> firstLine() {
        return firstLine;
    }

    /** Return the lines printed so far, decoded as UTF-8. */
    public List<String> lines() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }
}
