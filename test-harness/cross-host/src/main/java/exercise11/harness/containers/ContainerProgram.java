package exercise11.harness.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import exercise11.harness.Todo;
import exercise11.harness.Transcript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.OutputFrame.OutputType;

/**
 * A command running on a {@link Host} ({@code docker exec}), as a student runs a program in a terminal on that
 * machine. Its output is kept for waiting on lines and for failure messages, as {@link exercise11.harness.JavaProgram}
 * does for a local child JVM.
 *
 * <p>A command cannot be killed on its own: it ends by itself, or with its host when the {@link Lab} closes.
 */
public final class ContainerProgram implements AutoCloseable {

    private static final int MAX_LINES = 10_000;
    private static final int MAX_LINE_LENGTH = 4_096;

    private final DockerClient docker;
    private final String description;
    private final String execId;
    private final FrameConsumerResultCallback callback = new FrameConsumerResultCallback();
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Object lock = new Object();
    private int streamsOpen = 2;

    private ContainerProgram(DockerClient docker, String containerId, String description, List<String> command) {
        this.docker = docker;
        this.description = description;
        this.execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        callback.addConsumer(OutputType.STDOUT, frame -> take(frame, stdout));
        callback.addConsumer(OutputType.STDERR, frame -> take(frame, stderr));
        docker.execStartCmd(execId).exec(callback);
    }

    /** Start {@code command} in the container {@code containerId}; {@code description} names it in messages. */
    static ContainerProgram start(DockerClient docker, String containerId, String description, List<String> command) {
        return new ContainerProgram(docker, containerId, description, command);
    }

    /**
     * Wait until the command prints a line on standard output that {@code expected} accepts, and return it.
     *
     * @param what the awaited line in words, for the failure message
     */
    public String awaitLine(String what, Predicate<String> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        synchronized (lock) {
            while (true) {
                for (; checked < stdout.size(); checked++) {
                    if (expected.test(stdout.get(checked))) {
                        return stdout.get(checked);
                    }
                }
                long left = deadline - System.nanoTime();
                if (streamsOpen == 0 || left <= 0) {
                    break;
                }
                waitOnLock(left);
            }
        }
        throwIfStub();
        String state = finished() ? "it ended with exit code " + exitCode() : "it was still running after " + timeout.toMillis() + " ms";
        throw new AssertionFailedError("'" + description + "' never printed " + what + "; " + state + ".\n" + transcript());
    }

    /** Wait for the command to end by itself and return its exit code; fail if it does not end in time. */
    public int awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (streamsOpen > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionFailedError("'" + description + "' did not stop by itself within "
                            + timeout.toMillis() + " ms (it stops with its host).\n" + transcript());
                }
                waitOnLock(left);
            }
        }
        // The output ends a moment before Docker records the exit code.
        while (!finished()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("'" + description + "' closed its output but did not end within "
                        + timeout.toMillis() + " ms.\n" + transcript());
            }
            synchronized (lock) {
                waitOnLock(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
        throwIfStub();
        return exitCode();
    }

    /** Return the lines printed on standard output so far. */
    public List<String> stdout() {
        synchronized (lock) {
            return List.copyOf(stdout);
        }
    }

    /** Return the lines printed on standard error so far. */
    public List<String> stderr() {
        synchronized (lock) {
            return List.copyOf(stderr);
        }
    }

    /** Describe the command and everything it printed, for a failure message. */
    public String transcript() {
        return Transcript.of("command: " + description, stdout(), stderr());
    }

    /** Stop following the output; the command itself ends by itself or with its host. */
    @Override
    public void close() {
        try {
            callback.close();
        } catch (java.io.IOException e) {
            // the stream is gone already
        }
    }

    private boolean finished() {
        InspectExecResponse state = docker.inspectExecCmd(execId).exec();
        return !Boolean.TRUE.equals(state.isRunning()) && state.getExitCodeLong() != null;
    }

    private int exitCode() {
        Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        return code == null ? -1 : code.intValue();
    }

    private void take(OutputFrame frame, List<String> sink) {
        synchronized (lock) {
            if (frame.getType() == OutputType.END) {
                streamsOpen--;
            } else if (sink.size() < MAX_LINES) {
                String line = frame.getUtf8StringWithoutLineEnding();
                sink.add(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + "..." : line);
            }
            lock.notifyAll();
        }
    }

    private void waitOnLock(long nanos) {
        try {
            lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nanos), 100)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for '" + description + "'");
        }
    }

    private void throwIfStub() {
        Todo.stubInOutput(String.join("\n", stderr())).ifPresent(message -> {
            throw new UnsupportedOperationException(message);
        });
    }
}
