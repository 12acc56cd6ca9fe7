package exercise11.harness.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * Whether this computer can run the cross-host checks, and the Docker client they use.
 *
 * <p>The hosts are Linux containers whose Java runtime is cut from the JDK that runs the checks (see {@link HostImage}),
 * so they need: Linux, a Docker engine of the same CPU architecture, {@code jlink} in this JDK and {@code ldd}.
 * When one is missing, {@link #problem()} says so in words a student can act on.
 */
public final class DockerEnvironment {

    /** Label on everything the harness creates in Docker; its value says what the thing is. */
    public static final String KIT_LABEL = "exercise11.kit";
    /**
     * Environment variable that turns a missing Docker into a failure instead of a skip, for CI, where the
     * cross-host checks must run: {@code EXERCISE11_REQUIRE_DOCKER=true}.
     */
    public static final String REQUIRE_ENV = "EXERCISE11_REQUIRE_DOCKER";

    /**
     * The environment Testcontainers needs here (the root pom gives it to surefire): no Ryuk reaper, no start-up
     * checks, and the host's address given instead of found by running a helper container.
     */
    public static final Map<String, String> TESTCONTAINERS_SETTINGS = Map.of(
            "TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_CHECKS_DISABLE", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

    /** Leftovers of a run that was killed are removed by a later run once they are this old. */
    private static final Duration STALE = Duration.ofMinutes(30);

    private static Optional<String> problem;
    private static String engine = "?";

    private DockerEnvironment() {
    }

    /** Return why the cross-host checks cannot run here, or empty when they can. Decided once per JVM. */
    public static synchronized Optional<String> problem() {
        if (problem == null) {
            problem = Optional.ofNullable(findProblem());
            if (problem.isEmpty()) {
                removeStaleLeftovers();
            }
        }
        return problem;
    }

    /** Tell whether CI asked for the cross-host checks to be required rather than skipped. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv(REQUIRE_ENV));
    }

    /** Return the Docker client; fail with the reason when {@link #problem()} finds Docker unusable here. */
    public static DockerClient client() {
        Optional<String> found = problem();
        if (found.isPresent()) {
            throw new IllegalStateException("Docker cannot be used here: " + found.get());
        }
        return DockerClientFactory.instance().client();
    }

    /** Return the Docker engine's version, as {@code docker version} shows it. */
    public static synchronized String engineVersion() {
        return engine;
    }

    private static String findProblem() {
        String os = System.getProperty("os.name", "?");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return "these checks run your programs in Linux containers whose Java runtime is cut from this"
                    + " computer's JDK, so they run on Linux only (this is " + os + ").";
        }
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        if (!Files.isExecutable(jlink)) {
            return "this Java has no jlink (" + jlink + "), which builds the hosts' Java runtime: run Maven with a full JDK 17+.";
        }
        if (findOnPath("ldd").isEmpty()) {
            return "the command ldd (package libc-bin) is missing, which finds the libraries the hosts' Java runtime needs.";
        }
        List<String> unset = TESTCONTAINERS_SETTINGS.entrySet().stream()
                .filter(e -> !e.getValue().equalsIgnoreCase(System.getenv().getOrDefault(e.getKey(), "")))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        if (!unset.isEmpty()) {
            // Without them Testcontainers first pulls helper images (Ryuk; alpine to find the host's address when
            // running inside a container), which hangs for minutes where no registry can be reached.
            return "Testcontainers is not set up for these checks: the environment needs " + String.join(" ", unset)
                    + ". 'mvn verify' sets them; set them too in an IDE's run configuration or a launcher of your own.";
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && dockerHost.startsWith("unix://") && !Files.exists(Path.of(dockerHost.substring(7)))) {
            // Testcontainers would quietly try the default socket instead; the user asked for this engine.
            return "DOCKER_HOST is " + dockerHost + ", but there is no Docker socket there. Start Docker, or unset"
                    + " DOCKER_HOST to use the default one; nothing else in the suite needs Docker.";
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine answered. Install Docker and start it ('docker info' must work for the user who"
                    + " runs Maven); nothing else in the suite needs it.";
        }
        Info info = DockerClientFactory.instance().client().infoCmd().exec();
        engine = String.valueOf(info.getServerVersion());
        String dockerArch = normalise(String.valueOf(info.getArchitecture()));
        String javaArch = normalise(System.getProperty("os.arch", "?"));
        if (!"linux".equalsIgnoreCase(String.valueOf(info.getOsType())) || !dockerArch.equals(javaArch)) {
            return "Docker runs " + info.getOsType() + "/" + info.getArchitecture() + " containers, but this JDK is for "
                    + "linux/" + System.getProperty("os.arch") + ": the hosts' Java runtime is cut from this JDK.";
        }
        return null;
    }

    /** Return the path of {@code command} found on the PATH. */
    static Optional<Path> findOnPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> arch.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Remove hosts and networks that a killed run left behind (labelled by the harness and older than any run
     * takes), so that they do not pile up. Younger ones may belong to a run going on now and are left alone.
     */
    private static void removeStaleLeftovers() {
        DockerClient docker = DockerClientFactory.instance().client();
        long cutoff = Instant.now().minus(STALE).getEpochSecond();
        try {
            // Every container the kit starts carries its label, whatever the value (hosts here; the grader's sandboxes).
            docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(KIT_LABEL)).exec().stream()
                    .filter(c -> c.getCreated() != null && c.getCreated() < cutoff)
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
            docker.listNetworksCmd().withFilter("label", List.of(KIT_LABEL + "=" + Lab.NETWORK_LABEL_VALUE)).exec().stream()
                    .filter(n -> n.getCreated() != null && n.getCreated().toInstant().getEpochSecond() < cutoff)
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        } catch (RuntimeException e) {
            // housekeeping only: a leftover that cannot be removed now does not stop the checks
        }
    }
}
