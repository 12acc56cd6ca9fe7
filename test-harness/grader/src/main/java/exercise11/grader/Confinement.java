package exercise11.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a submission's checks run when the grader is root and there is no sandbox: as an unprivileged user (who can
 * write only the submission's own scratch folders), in PID and mount namespaces of their own (when the submission's
 * last process ends, every process it started ends with it, {@code setsid} or not; {@code /tmp} and {@code /dev/shm}
 * are small private file systems that vanish with it) and, where the machine lets the grader make control groups, with
 * a memory limit that counts every byte (native memory and child JVMs too) and a process limit.
 */
public final class Confinement {

    /** Memory for everything a run starts beyond the checks' heap: child JVMs of the programs, metaspace, buffers. */
    private static final long HEADROOM_MEGABYTES = 768;
    private static final int MAX_PROCESSES = 256;
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** The folders every user may write: private and small in a confined run (unless the grader's work is in one). */
    private static final List<Path> SHARED_SCRATCH = List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/dev/shm"));
    /** Run as PID 1 of new namespaces: join the control groups, mount private scratch folders, then run the command. */
    private static final String SCRIPT = String.join("\n",
            "for group in $EXERCISE11_CGROUPS; do echo $$ > \"$group/cgroup.procs\" || exit 97; done",
            "for folder in $EXERCISE11_PRIVATE; do mount -t tmpfs -o size=64m,mode=1777 exercise11-private \"$folder\" || exit 97; done",
            "unset EXERCISE11_CGROUPS EXERCISE11_PRIVATE",
            "exec \"$@\"");

    private final String user;
    private final int uid;
    private final int gid;
    private final boolean namespaces;
    private final boolean cgroups;

    private Confinement(String user, int uid, int gid, boolean namespaces, boolean cgroups) {
        this.user = user;
        this.uid = uid;
        this.gid = gid;
        this.namespaces = namespaces;
        this.cgroups = cgroups;
    }

    /**
     * The confinement for this grader: none unless it runs as root; then as {@code user}, with namespaces and
     * control groups where the machine allows them (a container without the rights gets the user alone).
     */
    public static Optional<Confinement> forUser(Optional<String> requested) throws IOException {
        if (!isRoot()) {
            if (requested.isPresent()) {
                throw new IllegalArgumentException("--run-as needs the grader to run as root");
            }
            return Optional.empty();
        }
        String user = requested.orElse("nobody");
        int uid = id(user, "-u");
        int gid = id(user, "-g");
        if (uid == 0) {
            throw new IllegalArgumentException("--run-as " + user + ": the checks must run as a user other than root");
        }
        boolean namespaces = works("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "--propagation", "private",
                "sh", "-c", "mount -t tmpfs -o size=1m exercise11-probe /tmp");
        boolean cgroups = Files.isWritable(CGROUPS.resolve("memory")) && Files.isWritable(CGROUPS.resolve("pids"));
        return Optional.of(new Confinement(user, uid, gid, namespaces, cgroups));
    }

    /** One line for the run's facts: what the checks run as and inside. */
    public String describe() {
        return "as user " + user + (namespaces ? ", in PID and mount namespaces of their own" : ", without namespaces (not permitted here)")
                + (cgroups ? ", with memory and process limits" : ", without control groups (not permitted here)");
    }

    /** A confined run of one submission's checks: start it with {@link #command}, end it with {@link #close}. */
    public final class Run implements AutoCloseable {
        private final List<Path> groups = new ArrayList<>();

        private Run(long heapMegabytes) throws IOException {
            if (!cgroups) {
                return;
            }
            String name = "exercise11-grader-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
            Path memory = Files.createDirectories(CGROUPS.resolve("memory").resolve(name));
            groups.add(memory);
            Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString((heapMegabytes + HEADROOM_MEGABYTES) << 20));
            Path pids = Files.createDirectories(CGROUPS.resolve("pids").resolve(name));
            groups.add(pids);
            Files.writeString(pids.resolve("pids.max"), Integer.toString(MAX_PROCESSES));
        }

        /**
         * {@code command} wrapped to run confined, for a submission whose folder is {@code work}; {@code environment}
         * gets what the wrapper needs.
         */
        public List<String> command(List<String> command, Path work, java.util.Map<String, String> environment) {
            List<String> wrapped = new ArrayList<>();
            if (namespaces) {
                wrapped.addAll(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "--propagation", "private",
                        "sh", "-c", SCRIPT, "exercise11-confined"));
                environment.put("EXERCISE11_CGROUPS", String.join(" ", groups.stream().map(Path::toString).toList()));
                environment.put("EXERCISE11_PRIVATE", String.join(" ", SHARED_SCRATCH.stream()
                        .filter(folder -> Files.isDirectory(folder) && !work.toAbsolutePath().startsWith(folder))
                        .map(Path::toString).toList()));
            }
            wrapped.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--no-new-privs", "--"));
            wrapped.addAll(command);
            return wrapped;
        }

        /** Remove the control groups; by now every process in them has ended. */
        @Override
        public void close() {
            for (Path group : groups) {
                for (int attempt = 0; attempt < 50 && Files.exists(group); attempt++) {
                    try {
                        Files.delete(group);
                    } catch (IOException e) {
                        sleep(); // its last process is still being taken down
                    }
                }
            }
        }
    }

    /** Start a confined run whose checks' heap is {@code heapMegabytes}. */
    public Run start(long heapMegabytes) throws IOException {
        return new Run(heapMegabytes);
    }

    /** Give {@code folder} (a scratch folder of the submission) to the user the checks run as. */
    public void handOver(Path folder) throws IOException {
        UserPrincipal owner = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.toList()) {
                Files.setOwner(p, owner);
            }
        }
    }

    /**
     * {@code preferred} if the user the checks run as can enter it, else a new folder of the grader's own that they
     * can enter (under /run, which only root may write): for the classpath, the checks and the submissions' folders.
     */
    public Path workFolder(Path preferred) throws IOException {
        Files.createDirectories(preferred);
        if (canEnter(preferred)) {
            return preferred;
        }
        Path parent = Files.isDirectory(Path.of("/run")) ? Path.of("/run") : Path.of("/var/tmp");
        Path folder = Files.createTempDirectory(parent, "exercise11-grader-");
        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        return folder;
    }

    /** Whether the user the checks run as can enter {@code folder} (every folder above it is open to them). */
    public boolean canEnter(Path folder) {
        return works("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--", "test", "-x", folder.toString());
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int id(String user, String which) throws IOException {
        Process id = new ProcessBuilder("id", which, user).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0) {
                return Integer.parseInt(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NumberFormatException e) {
            // not a number: no such user either
        }
        throw new IllegalArgumentException("--run-as " + user + ": no such user on this machine");
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
