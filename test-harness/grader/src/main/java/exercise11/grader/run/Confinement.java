package exercise11.grader.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * How a submission's checks run when the grader is root and there is no sandbox: as an unprivileged user (who can
 * write only the submission's own scratch folders), in PID and mount namespaces of their own (when the submission's
 * last process ends, every process it started ends with it, {@code setsid} or not; {@code /tmp}, {@code /var/tmp} and
 * {@code /dev/shm} are small private file systems that vanish with it, wherever the grader's own folders lie: a folder
 * of the run's that lies in one of them is brought back into the private one, and nothing else of the host's is) and,
 * where the machine lets the grader make control groups, with a memory limit that counts every byte (native memory
 * and child JVMs too) and a process limit. What the machine does not permit is named by {@link #describe}.
 */
public final class Confinement {

    /** Memory for everything a run starts beyond the checks' heap: child JVMs of the programs, metaspace, buffers. */
    private static final long HEADROOM_MEGABYTES = 768;
    private static final int MAX_PROCESSES = 256;
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** The folders every user may write: each is a small private file system in a confined run. */
    private static final List<Path> SHARED_SCRATCH = List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/dev/shm"));
    /**
     * Run as PID 1 of new namespaces: join the control groups, give each shared scratch folder a private file system,
     * then run the command. A private file system is first mounted at a staging folder of the run's own, the run's
     * folders that lie in the shared one are bound into it at their own paths, and then it is moved over the shared
     * one, so that the run sees its own folders and nothing else the host keeps there. Lists are one path a line.
     */
    private static final String SCRIPT = String.join("\n",
            "set -f",
            "IFS='",
            "'",
            "for group in $EXERCISE11_CGROUPS; do echo $$ > \"$group/cgroup.procs\" || exit 97; done",
            "n=0",
            "for folder in $EXERCISE11_PRIVATE; do",
            "  n=$((n + 1)); stage=\"$EXERCISE11_STAGE/$n\"",
            "  mkdir -p \"$stage\" && mount -t tmpfs -o size=64m,mode=1777 exercise11-private \"$stage\" || exit 97",
            "  for keep in $EXERCISE11_KEEP; do",
            "    case \"$keep\" in \"$folder\"/*)",
            "      mkdir -p \"$stage/${keep#\"$folder\"/}\" && mount --bind \"$keep\" \"$stage/${keep#\"$folder\"/}\" || exit 97;;",
            "    esac",
            "  done",
            "  mount --move \"$stage\" \"$folder\" || exit 97",
            "  rmdir \"$stage\" 2>/dev/null",
            "done",
            "unset EXERCISE11_CGROUPS EXERCISE11_PRIVATE EXERCISE11_KEEP EXERCISE11_STAGE IFS",
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
        boolean namespaces = privateScratchWorks();
        boolean cgroups = Files.isWritable(CGROUPS.resolve("memory")) && Files.isWritable(CGROUPS.resolve("pids"));
        return Optional.of(new Confinement(user, uid, gid, namespaces, cgroups));
    }

    /** One line for the run's facts: what the checks run as and inside, and what this machine does not permit. */
    public String describe() {
        String scratch = scratchFolders().stream().map(Path::toString).collect(Collectors.joining(", "));
        return "as user " + user
                + (namespaces ? ", in PID and mount namespaces of their own, with private " + scratch
                        : ", without namespaces (not permitted here: " + scratch + " are the host's, shared with every"
                        + " user, and a process a run leaves behind may outlive it)")
                + (cgroups ? ", with memory and process limits" : ", without control groups (not permitted here: no memory"
                        + " limit beyond the heap, no process limit)");
    }

    /** Whether each run gets PID and mount namespaces, and so private scratch folders. */
    public boolean hasPrivateScratch() {
        return namespaces;
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
         * {@code command} wrapped to run confined, for a submission whose own folder is {@code work} (the run writes
         * there; a staging folder for the private scratch is made in it) and which reads {@code reads} too (the
         * checks, the classpath, the JDK); {@code environment} gets what the wrapper needs. Those of these folders that
         * lie in a shared scratch folder are brought back into its private replacement at the same paths.
         */
        public List<String> command(List<String> command, Path work, Collection<Path> reads, Map<String, String> environment)
                throws IOException {
            List<String> wrapped = new ArrayList<>();
            if (namespaces) {
                wrapped.addAll(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "--propagation", "private",
                        "sh", "-c", SCRIPT, "exercise11-confined"));
                List<Path> keep = new ArrayList<>(List.of(work));
                keep.addAll(reads);
                privateScratch(environment, outermost(keep), work.toRealPath().resolve(".private-scratch"));
                environment.put("EXERCISE11_CGROUPS", lines(groups));
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

    /** The shared scratch folders of this machine, as real paths, each once (one may be a link to another). */
    private static List<Path> scratchFolders() {
        Set<Path> folders = new LinkedHashSet<>();
        for (Path folder : SHARED_SCRATCH) {
            try {
                if (Files.isDirectory(folder)) {
                    folders.add(folder.toRealPath());
                }
            } catch (IOException e) {
                // not there to share
            }
        }
        return List.copyOf(folders);
    }

    /**
     * Fill in {@code environment} for the script: the shared scratch folders to replace, the folders of the run to
     * bring back into them ({@code keep}, real paths, none inside another) and a staging folder inside one of them.
     */
    private static void privateScratch(Map<String, String> environment, List<Path> keep, Path stage) {
        for (Path path : keep) {
            if (path.toString().contains("\n")) {
                throw new IllegalArgumentException("a grading folder's path holds a line break: " + path);
            }
        }
        environment.put("EXERCISE11_PRIVATE", lines(scratchFolders()));
        environment.put("EXERCISE11_KEEP", lines(keep));
        environment.put("EXERCISE11_STAGE", stage.toString());
    }

    /** The real paths of {@code paths} (a file's folder for a file), leaving out those that lie inside another. */
    private static List<Path> outermost(List<Path> paths) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Path path : paths) {
            if (Files.exists(path)) {
                Path folder = path.toRealPath();
                real.add(Files.isDirectory(folder) ? folder : folder.getParent());
            }
        }
        return real.stream().distinct()
                .filter(path -> real.stream().noneMatch(other -> !other.equals(path) && path.startsWith(other)))
                .toList();
    }

    private static String lines(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining("\n"));
    }

    /**
     * Whether this machine lets the grader give a run private scratch folders the way {@link Run#command} does: the
     * script itself, run on a folder of its own in the JVM's temporary folder, which must still be there inside.
     */
    private static boolean privateScratchWorks() throws IOException {
        Path probe = Files.createTempDirectory("exercise11-probe-");
        try {
            Files.writeString(probe.resolve("mark"), "kept");
            List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc",
                    "--propagation", "private", "sh", "-c", SCRIPT, "exercise11-probe", "test", "-f",
                    probe.toRealPath().resolve("mark").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            privateScratch(builder.environment(), List.of(probe.toRealPath()), probe.toRealPath().resolve("stage"));
            builder.environment().put("EXERCISE11_CGROUPS", "");
            Process p = builder.start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try (var paths = Files.walk(probe)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
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
