package exercise11.grader.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import exercise11.harness.containers.DockerEnvironment;
import exercise11.harness.containers.HostImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Run one Java command in a locked-down container, for grading code nobody has reviewed: no network but its own
 * loopback, a read-only root with a small writable {@code /tmp}, limits on memory, CPU and processes, no
 * capabilities, an unprivileged user, and a wall-clock limit after which it is killed. Host folders go in
 * read-only ({@link #mount}). The container is removed afterwards, whatever happened.
 *
 * <pre>{@code
 * Sandbox.Result result = Sandbox.withModules(Set.of("java.base", "java.logging"))
 *         .mount(submissionClasses, "/work/classes")
 *         .timeLimit(Duration.ofSeconds(120))
 *         .run("-cp", "/work/classes:/work/lib/*", "org.junit.platform.console.ConsoleLauncher", "--scan-classpath");
 * }</pre>
 *
 * <p>The command runs as {@code java [flags] args...} from a {@link HostImage} with the given modules. The JVM
 * flags of {@link HostImage#JVM_FLAGS} come first, so a read-only root works.
 */
public final class Sandbox {

    /** Value of {@link DockerEnvironment#KIT_LABEL} on sandbox containers. */
    static final String LABEL_VALUE = "sandbox";
    /** The unprivileged user and group the command runs as: nobody, nogroup. */
    public static final int NOBODY = 65534;

    private static final int MAX_LINES = 20_000;
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);

    private final Set<String> modules;
    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final Map<String, Path> writableMounts = new LinkedHashMap<>();
    private long memoryMb = 512;
    private double cpus = 1.0;
    private long pids = 128;
    private long tmpMb = 64;
    private Duration timeLimit = Duration.ofSeconds(60);

    private Sandbox(Set<String> modules) {
        this.modules = new TreeSet<>(modules);
    }

    /** A sandbox whose Java runtime has {@code modules} (java.base is always among them). */
    public static Sandbox withModules(Set<String> modules) {
        Set<String> all = new TreeSet<>(modules);
        all.add("java.base");
        return new Sandbox(all);
    }

    /**
     * What the command did: its exit code (-1 if killed at the time limit), whether the time limit or the memory limit
     * ended it, its output, and the time from starting its container to its end.
     */
    public record Result(int exitCode, boolean timedOut, boolean outOfMemory, List<String> stdout, List<String> stderr,
            Duration elapsed) {

        /** Describe the run and everything it printed, for a report or a failure message. */
        public String transcript() {
            StringBuilder text = new StringBuilder(String.format("  exit code %d%s%s after %.2f s%n", exitCode,
                    timedOut ? ", killed at the time limit" : "", outOfMemory ? ", killed for lack of memory" : "",
                    elapsed.toNanos() / 1e9));
            stdout.forEach(line -> text.append("  stdout | ").append(line).append('\n'));
            stderr.forEach(line -> text.append("  stderr | ").append(line).append('\n'));
            return text.toString();
        }
    }

    /** Make the host folder or file {@code hostPath} readable (only) at {@code containerPath}. */
    public Sandbox mount(Path hostPath, String containerPath) {
        mounts.put(containerPath, hostPath.toAbsolutePath());
        return this;
    }

    /**
     * Make the host folder {@code hostPath} readable and writable at {@code containerPath}: a place for results that
     * must not share the command's output stream. The folder is opened to the sandbox's user.
     */
    public Sandbox mountWritable(Path hostPath, String containerPath) {
        try {
            Files.setPosixFilePermissions(hostPath, PosixFilePermissions.fromString("rwxrwxrwx")); // for user 65534
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + hostPath + " to the sandbox's user", e);
        }
        writableMounts.put(containerPath, hostPath.toAbsolutePath());
        return this;
    }

    /** Limit memory (no swap) to {@code megabytes}; the default is 512. */
    public Sandbox memoryMb(long megabytes) {
        this.memoryMb = megabytes;
        return this;
    }

    /** Limit CPU time to {@code cpus} cores' worth; the default is 1. */
    public Sandbox cpus(double cpus) {
        this.cpus = cpus;
        return this;
    }

    /** Limit the number of processes and threads to {@code pids}; the default is 128. */
    public Sandbox pids(long pids) {
        this.pids = pids;
        return this;
    }

    /** Give {@code /tmp} (the only writable place) {@code megabytes} of memory; the default is 64. */
    public Sandbox tmpMb(long megabytes) {
        this.tmpMb = megabytes;
        return this;
    }

    /** Kill the command when {@code limit} has passed since its container was started; the default is 60 s. */
    public Sandbox timeLimit(Duration limit) {
        this.timeLimit = limit;
        return this;
    }

    /** Run {@code java [flags] args...} in a new sandbox, wait for it to end or for the time limit, and remove it. */
    public Result run(String... args) {
        HostImage.Built image = HostImage.of(modules);
        DockerClient docker = DockerEnvironment.client();
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        CountDownLatch streamsEnded = new CountDownLatch(2);
        List<Bind> binds = new ArrayList<>();
        mounts.forEach((inside, outside) -> binds.add(new Bind(outside.toString(), new Volume(inside), AccessMode.ro)));
        writableMounts.forEach((inside, outside) -> binds.add(new Bind(outside.toString(), new Volume(inside), AccessMode.rw)));
        long memoryBytes = memoryMb * 1024 * 1024;
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image.name()))
                .withCommand(args)
                .withNetworkMode("none")
                .withLabels(Map.of(DockerEnvironment.KIT_LABEL, LABEL_VALUE))
                .withStartupCheckStrategy(new StartedOrEnded())
                .withLogConsumer(frame -> collect(frame, stdout, stderr, streamsEnded))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withUser(NOBODY + ":" + NOBODY);
                    cmd.getHostConfig()
                            .withReadonlyRootfs(true)
                            .withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,noexec,uid=" + NOBODY + ",gid=" + NOBODY
                                    + ",size=" + tmpMb + "m"))
                            .withMemory(memoryBytes)
                            .withMemorySwap(memoryBytes)
                            .withNanoCPUs((long) (cpus * 1e9))
                            .withPidsLimit(pids)
                            .withCapDrop(Capability.ALL)
                            .withSecurityOpts(List.of("no-new-privileges"))
                            // Docker keeps at most 1 MB of the command's output, however much it prints.
                            .withLogConfig(new LogConfig(LogConfig.LoggingType.LOCAL,
                                    Map.of("max-size", "1m", "max-file", "1", "compress", "false")))
                            .withBinds(binds);
                });
        try {
            long started = System.nanoTime();
            container.start();
            boolean timedOut = false;
            try {
                long left = timeLimit.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                docker.waitContainerCmd(container.getContainerId()).start()
                        .awaitStatusCode(Math.max(1, left), TimeUnit.MILLISECONDS);
            } catch (DockerClientException e) {
                timedOut = true;
                try {
                    docker.killContainerCmd(container.getContainerId()).exec();
                } catch (RuntimeException ended) {
                    // it ended by itself just now
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            try {
                streamsEnded.await(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(container.getContainerId()).exec().getState();
            Long code = state.getExitCodeLong();
            synchronized (stdout) {
                return new Result(timedOut || code == null ? -1 : code.intValue(), timedOut,
                        Boolean.TRUE.equals(state.getOOMKilled()), List.copyOf(stdout), List.copyOf(stderr), elapsed);
            }
        } finally {
            container.stop();
        }
    }

    private static void collect(OutputFrame frame, List<String> stdout, List<String> stderr, CountDownLatch ended) {
        if (frame.getType() == OutputType.END) {
            ended.countDown();
            return;
        }
        synchronized (stdout) {
            List<String> sink = frame.getType() == OutputType.STDERR ? stderr : stdout;
            if (sink.size() < MAX_LINES) {
                sink.add(frame.getUtf8StringWithoutLineEnding());
            }
        }
    }

    /** Start-up succeeds once the container runs or has already ended: a short command may be done before the check. */
    private static final class StartedOrEnded extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
            InspectContainerResponse.ContainerState state = getCurrentState(dockerClient, containerId);
            return Boolean.TRUE.equals(state.getRunning()) || state.getFinishedAt() != null && !state.getFinishedAt().startsWith("0001")
                    ? StartupStatus.SUCCESSFUL : StartupStatus.NOT_YET_KNOWN;
        }
    }
}
