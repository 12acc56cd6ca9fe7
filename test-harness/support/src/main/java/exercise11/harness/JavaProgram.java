package exercise11.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * One exercise program running in its own JVM, as a student runs it in a terminal.
 *
 * <p>The child gets a Latin-1 default charset and the C locale, so output that relies on the platform's charset
 * instead of UTF-8 shows up. Its output is kept (up to a bound) for waiting on lines and for failure messages.
 */
public final class JavaProgram implements AutoCloseable {

    /** System property with the classpath of the code under test; without it, the class's own location is used. */
    public static final String CLASSES_PROPERTY = "exercise11.classes";
    /**
     * System property with one extra JVM option for children, passed to them whole (a path in it may hold spaces):
     * the coverage agent, where the build runs one.
     */
    public static final String JVM_OPTION_PROPERTY = "exercise11.childJvmOption";

    private static final int MAX_LINES = 10_000;
    private static final int MAX_LINE_LENGTH = 4_096;

    private final String description;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread[] readers;

    private JavaProgram(String description, Process process) {
        this.description = description;
        this.process = process;
        this.readers = new Thread[] {reader(process.getInputStream(), stdout), reader(process.getErrorStream(), stderr)};
    }

    /** Start {@code mainClass} of the code under test with {@code args}. */
    public static JavaProgram start(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx64m",
                "-Dfile.encoding=ISO-8859-1", "-Dsun.stdout.encoding=ISO-8859-1", "-Dsun.stderr.encoding=ISO-8859-1"));
        String extra = System.getProperty(JVM_OPTION_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            command.add(extra);
        }
        command.addAll(List.of("-cp", classpathOf(mainClass), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.remove("JAVA_TOOL_OPTIONS");
        String description = mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + String.join(" ", args);
        try {
            return new JavaProgram(description.trim(), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Wait until the program prints a line on standard output that {@code expected} accepts, and return it.
     *
     * @param what the awaited line in words, for the failure message
     */
    public String awaitLine(String what, Predicate<String> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        synchronized (stdout) {
            while (true) {
                for (; checked < stdout.size(); checked++) {
                    if (expected.test(stdout.get(checked))) {
                        return stdout.get(checked);
                    }
                }
                boolean outputClosed = !readers[0].isAlive();
                long left = deadline - System.nanoTime();
                if (outputClosed || left <= 0) {
                    break;
                }
                try {
                    stdout.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        awaitReaders(Duration.ofMillis(200));
        throwIfStub();
        String state = process.isAlive() ? "it was still running after " + timeout.toMillis() + " ms"
                : "it exited with code " + process.exitValue();
        throw new AssertionFailedError("'" + description + "' never printed " + what + "; " + state + ".\n" + transcript());
    }

    /** Wait for the program to end by itself and return its exit code; kill it and fail if it does not. */
    public int awaitExit(Duration timeout) {
        return awaitExit(timeout, "");
    }

    /**
     * Wait for the program to end by itself and return its exit code; kill it and fail if it does not, saying
     * {@code whereToLook} (the TODO that should have made it stop).
     */
    public int awaitExit(Duration timeout, String whereToLook) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionFailedError("'" + description + "' did not stop by itself within "
                        + timeout.toMillis() + " ms, so it was killed." + (whereToLook.isEmpty() ? "" : " " + whereToLook)
                        + "\n" + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for '" + description + "'");
        }
        awaitReaders(Duration.ofSeconds(2));
        throwIfStub();
        return process.exitValue();
    }

    /** Return the lines printed on standard output so far. */
    public List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** Return the lines printed on standard error so far. */
    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Describe the command and everything it printed, for a failure message. */
    public String transcript() {
        return Transcript.of("command: " + description, stdout(), stderr());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void throwIfStub() {
        Todo.stubInOutput(String.join("\n", stderr())).ifPresent(message -> {
            throw new UnsupportedOperationException(message);
        });
    }

    private void awaitReaders(Duration timeout) {
        for (Thread reader : readers) {
            try {
                reader.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread reader(InputStream stream, List<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (sink) {
                        if (sink.size() < MAX_LINES) {
                            sink.add(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + "..." : line);
                        }
                        sink.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was killed; what was read so far stays
            }
        }, "output of child JVM");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Return the classpath of the code under test that holds {@code mainClass} ({@value #CLASSES_PROPERTY} if set). */
    public static String classpathOf(String mainClass) {
        String configured = System.getProperty(CLASSES_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            Class<?> type = Class.forName(mainClass, false, Thread.currentThread().getContextClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot find the classes of " + mainClass + "; set -D" + CLASSES_PROPERTY, e);
        }
    }
}
