package exercise11.grader.build.compiler;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Warm compiler processes ({@link CompilerServer}) for untrusted sources, reused from one compile to the next: each
 * compile still has a time limit and a memory limit, and a process that overruns either, or fails in any way but
 * reporting errors in the source, is killed and never used again. A process is taken by one compile at a time, so
 * there are at most as many as compiles run at once. {@link #close} ends them all.
 */
public final class CompilerPool implements AutoCloseable {

    /** The memory a compile may use; the kit's largest compile (the checks) needs about a tenth. */
    public static final int MAX_COMPILER_MEGABYTES = 512;
    /** {@code javac}'s exit codes for a compile that went wrong inside the compiler, not in the source. */
    private static final int EXIT_SYSTEM_ERROR = 3;
    private static final int EXIT_ABNORMAL = 4;

    /** What a compile came to. */
    public sealed interface Answer {
    }

    /** {@code javac} ran to its end with exit code {@code code}, printing {@code lines}. */
    public record Ended(int code, List<String> lines) implements Answer {
    }

    /** The compile ran past the time limit and was killed. */
    public record TimedOut() implements Answer {
    }

    /** The compile needed more than {@link #MAX_COMPILER_MEGABYTES} of heap. */
    public record OutOfMemory() implements Answer {
    }

    /** The compiler process failed for another reason, said in {@code why}. */
    public record Failed(String why) implements Answer {
    }

    private final Duration limit;
    /** The processes' working folder, made with the first of them. */
    private Path folder;
    private final Deque<Worker> idle = new ArrayDeque<>();
    private final List<Worker> all = new ArrayList<>();
    private boolean closed;

    /** A pool whose compiles may each take {@code limit}; it starts no process before the first compile. */
    public CompilerPool(Duration limit) {
        this.limit = limit;
    }

    /** How long one compile may take. */
    public Duration limit() {
        return limit;
    }

    /** Run {@code javac} with {@code arguments} (those of the command, no {@code -J} option) in a warm process. */
    public Answer compile(List<String> arguments) throws IOException {
        Worker worker = take();
        Answer answer;
        try {
            answer = worker.compile(arguments, limit);
        } catch (IOException | RuntimeException e) {
            worker.kill();
            forget(worker);
            throw e;
        }
        // javac catches an OutOfMemoryError of its own and says so: that is the memory limit, like the JVM ending on one.
        if (answer instanceof Ended ended && ended.lines().stream().anyMatch(line -> line.contains("OutOfMemoryError"))) {
            answer = new OutOfMemory();
        }
        if (answer instanceof Ended ended && ended.code() != EXIT_SYSTEM_ERROR && ended.code() != EXIT_ABNORMAL) {
            give(worker);
        } else {
            worker.kill();
            forget(worker);
        }
        return answer;
    }

    /** How many compiler processes are alive (idle or compiling). */
    public synchronized int processes() {
        return (int) all.stream().filter(Worker::alive).count();
    }

    @Override
    public void close() {
        List<Worker> workers;
        synchronized (this) {
            closed = true;
            workers = List.copyOf(all);
            all.clear();
            idle.clear();
        }
        workers.forEach(Worker::kill);
        try {
            if (folder != null) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            // a folder of the system's temporary ones, empty: nothing is lost if it stays
        }
    }

    private Worker take() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the compiler pool is closed");
            }
            while (!idle.isEmpty()) {
                Worker worker = idle.pop();
                if (worker.alive()) {
                    return worker;
                }
                all.remove(worker);
            }
            if (folder == null) {
                // Empty, so that a classpath of "." finds nothing.
                folder = Files.createTempDirectory("exercise11-javac-");
            }
        }
        Worker worker = Worker.start(folder);
        synchronized (this) {
            if (closed) {
                worker.kill();
                throw new IllegalStateException("the compiler pool is closed");
            }
            all.add(worker);
        }
        return worker;
    }

    private synchronized void give(Worker worker) {
        if (closed) {
            worker.kill();
        } else {
            idle.push(worker);
        }
    }

    private synchronized void forget(Worker worker) {
        all.remove(worker);
    }

    /** One compiler process and its pipes. */
    private static final class Worker {
        private final Process process;
        private final DataOutputStream requests;
        private final DataInputStream answers;
        private final StandardError standardError;

        private Worker(Process process) {
            this.process = process;
            this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream()));
            this.standardError = new StandardError(process.getErrorStream());
        }

        static Worker start(Path folder) throws IOException {
            String classes = Path.of(codeSource()).toString();
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + MAX_COMPILER_MEGABYTES + "m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xss4m",
                    "-XX:-UsePerfData", "-Duser.language=en", "-Duser.country=US", "-cp", classes,
                    CompilerServer.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
            builder.environment().remove("CLASSPATH");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            return new Worker(builder.start());
        }

        boolean alive() {
            return process.isAlive();
        }

        Answer compile(List<String> arguments, Duration limit) throws IOException {
            CompletableFuture<Ended> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    requests.writeInt(arguments.size());
                    for (String argument : arguments) {
                        requests.writeUTF(argument);
                    }
                    requests.flush();
                    int code = answers.readInt();
                    byte[] printed = new byte[Math.min(answers.readInt(), CompilerServer.MAX_OUTPUT_BYTES)];
                    answers.readFully(printed);
                    return new Ended(code, new String(printed, StandardCharsets.UTF_8).lines().toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runnable -> {
                Thread thread = new Thread(runnable, "javac request");
                thread.setDaemon(true);
                thread.start();
            });
            try {
                return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                kill();
                return new TimedOut();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IOException("interrupted while compiling", e);
            } catch (ExecutionException e) {
                // The pipe broke: the process ended (out of memory ends it at once) or was never able to start.
                kill();
                String said = standardError.text();
                if (said.contains("OutOfMemoryError")) {
                    return new OutOfMemory();
                }
                String first = said.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
                return new Failed("the compiler process ended" + (process.isAlive() ? "" : " with exit code " + process.exitValue())
                        + (first.isEmpty() ? "" : ": " + first));
            }
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static java.net.URI codeSource() {
            try {
                return CompilerServer.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("where the grader's classes lie is not a path", e);
            }
        }
    }

    /** What a compiler process writes on standard error, its first 64 KB kept, read as it comes so it never blocks. */
    private static final class StandardError {
        private static final int KEPT = 64 * 1024;
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;

        StandardError(InputStream in) {
            reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (in) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (text) {
                            if (text.length() < KEPT) {
                                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            }
                        }
                    }
                } catch (IOException e) {
                    // the process is gone; what it said so far is kept
                }
            }, "javac standard error");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            try {
                reader.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
