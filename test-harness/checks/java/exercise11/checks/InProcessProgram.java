package exercise11.checks;

import exercise11.harness.Transcript;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * A program's {@code run(args, out, err)} called on a thread of its own, so that a check can wait for its lines,
 * talk to it over loopback and interrupt it, all within the check's JVM (where a mutation tool's mutants live).
 *
 * <p>Whatever {@code run} throws, a TODO stub included, is thrown again by {@link #awaitLine} and {@link #awaitExit},
 * so a check of unfinished code is reported as pending, not as a time-out.
 */
final class InProcessProgram implements AutoCloseable {

    /** The signature of {@code UdpClient.run} and {@code UdpServer.run}. */
    interface Main {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private final String description;
    private final Output out = new Output();
    private final Output err = new Output();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean interruptedAtExit;

    private InProcessProgram(String description, Main main, String[] args) {
        this.description = description;
        this.thread = new Thread(() -> {
            try {
                int code = main.run(args, out.stream, err.stream);
                interruptedAtExit = Thread.currentThread().isInterrupted();
                exit.complete(code);
            } catch (Throwable thrown) {
                exit.completeExceptionally(thrown);
            }
        }, "in-process " + description);
        thread.setDaemon(true);
    }

    /** Call {@code main.run(args, ...)} on a new thread; {@code name} is the program's name in failure messages. */
    static InProcessProgram start(String name, Main main, String... args) {
        InProcessProgram program = new InProcessProgram((name + " " + String.join(" ", args)).trim(), main, args);
        program.thread.start();
        return program;
    }

    /** Wait for a line on standard output that {@code accepted} takes, and return it; {@code what} describes it. */
    String awaitLine(String what, Predicate<String> accepted, Duration timeout) {
        CompletableFuture<String> line = out.firstLineMatching(accepted);
        try {
            CompletableFuture.anyOf(line, exit).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e);
        } catch (TimeoutException e) {
            throw new AssertionFailedError("'" + description + "' never printed " + what + " within "
                    + timeout.toMillis() + " ms.\n" + transcript());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for '" + description + "'");
        }
        if (line.isDone()) {
            return line.join();
        }
        throw new AssertionFailedError("'" + description + "' returned " + exit.join() + " without printing " + what
                + ".\n" + transcript());
    }

    /** Wait for {@code run} to return and give its exit code; fail if it is still running after {@code timeout}. */
    int awaitExit(Duration timeout) {
        return awaitExit(timeout, "");
    }

    /** As {@link #awaitExit(Duration)}, saying {@code whereToLook} (the TODO that should have ended it) if it fails. */
    int awaitExit(Duration timeout, String whereToLook) {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e);
        } catch (TimeoutException e) {
            throw new AssertionFailedError("'" + description + "' had not returned after " + timeout.toMillis()
                    + " ms." + (whereToLook.isEmpty() ? "" : " " + whereToLook) + "\n" + transcript());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for '" + description + "'");
        }
    }

    /** Interrupt the thread that runs the program. */
    void interrupt() {
        thread.interrupt();
    }

    /** Tell whether the program's thread was still marked interrupted when {@code run} returned. */
    boolean interruptedAtExit() {
        return interruptedAtExit;
    }

    List<String> stdout() {
        return out.lines();
    }

    List<String> stderr() {
        return err.lines();
    }

    /** Describe the call and everything it printed, for a failure message. */
    String transcript() {
        return Transcript.of("run: " + description, stdout(), stderr());
    }

    /** Interrupt a program that is still running, so that no check leaves one waiting. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    private static RuntimeException rethrown(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime; // a TODO stub stays an UnsupportedOperationException, which makes the check pending
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /** Standard output or error of the program: UTF-8 lines, and futures completed by the first matching line. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<String> lines = new ArrayList<>();
        private final List<Waiter> waiters = new ArrayList<>();
        private final PrintStream stream = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                lineByte(b);
            }
        }, true, StandardCharsets.UTF_8);

        private record Waiter(Predicate<String> accepted, CompletableFuture<String> line) {
        }

        private synchronized void lineByte(int b) {
            if (b != '\n') {
                bytes.write(b);
                return;
            }
            String line = bytes.toString(StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            bytes.reset();
            lines.add(line);
            for (Waiter waiter : waiters) {
                if (!waiter.line().isDone() && waiter.accepted().test(line)) {
                    waiter.line().complete(line);
                }
            }
        }

        synchronized CompletableFuture<String> firstLineMatching(Predicate<String> accepted) {
            CompletableFuture<String> future = new CompletableFuture<>();
            lines.stream().filter(accepted).findFirst().ifPresentOrElse(future::complete,
                    () -> waiters.add(new Waiter(accepted, future)));
            return future;
        }

        synchronized List<String> lines() {
            List<String> all = new ArrayList<>(lines);
            if (bytes.size() > 0) {
                all.add(bytes.toString(StandardCharsets.UTF_8)); // an unfinished last line
            }
            return all;
        }
    }
}
