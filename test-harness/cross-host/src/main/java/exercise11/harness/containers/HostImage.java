package exercise11.harness.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image every host runs: {@code FROM scratch}, a Java runtime cut by {@code jlink} from the JDK that runs the
 * checks, the host libraries that runtime needs (found with {@code ldd}), and this computer's {@code iptables}
 * binary with the two extensions a drop rule needs. No registry is involved: nothing is pulled.
 *
 * <p>The tag is a hash of everything the image is made from (the JDK's identity, the modules, the recipe, the
 * firewall tool), so a second run finds the image and does not build it again. Images are kept on purpose, for
 * that reuse; when a JDK update or a new recipe makes a new one, the superseded image of the same modules is removed.
 * To remove them all: {@code docker image rm $(docker image ls -q --filter label=exercise11.kit=host-image)}.
 */
public final class HostImage {

    /** Repository part of the images' names. */
    public static final String REPOSITORY = "exercise11-host";
    /** Value of {@link DockerEnvironment#KIT_LABEL} on the images. */
    public static final String LABEL_VALUE = "host-image";
    /** The Java launcher inside the image. */
    public static final String JAVA = "/opt/java/bin/java";
    /** Options of every JVM in a host: no perf-data file (so a read-only root works), a small, quick JVM. */
    public static final List<String> JVM_FLAGS = List.of("-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The firewall tool inside the image (this computer's iptables, nf_tables or legacy flavour). */
    public static final String IPTABLES = "/usr/sbin/iptables";
    /** The modules of the hosts the cross-host checks use. */
    public static final Set<String> BASE = Set.of("java.base");

    /** Changes whenever the way the image is made changes, so that the tag changes with it. */
    private static final String RECIPE_VERSION = "2";
    private static final String MODULES_LABEL = "exercise11.modules";
    private static final Duration JLINK_LIMIT = Duration.ofMinutes(3);

    private static final Map<Set<String>, Built> BUILT = new LinkedHashMap<>();

    /** What {@link #of} found or made: the image's name, whether it was there already, and how long it took. */
    public record Built(String name, boolean reused, Duration took, long sizeBytes, boolean hasFirewall) {

        /** One line for the build log. */
        public String describe() {
            return "image " + name + (reused ? " reused" : " built") + " in " + seconds(took)
                    + String.format(" (%.0f MB", sizeBytes / 1e6) + (hasFirewall ? ", with iptables)" : ", no iptables on this computer)");
        }
    }

    private HostImage() {
    }

    /** Return the host image with the Java {@code modules}, building it the first time. Once per JVM and module set. */
    public static synchronized Built of(Set<String> modules) {
        Set<String> key = new TreeSet<>(modules);
        Built built = BUILT.get(key);
        if (built == null) {
            built = findOrBuild(key);
            BUILT.put(key, built);
        }
        return built;
    }

    private static Built findOrBuild(Set<String> modules) {
        long start = System.nanoTime();
        Optional<Path> firewall = firewallTool();
        String dockerfile = dockerfile(modules);
        String name = REPOSITORY + ":" + hash(modules, dockerfile, firewall);
        DockerClient docker = DockerEnvironment.client();
        try {
            long size = docker.inspectImageCmd(name).exec().getSize();
            return new Built(name, true, Duration.ofNanos(System.nanoTime() - start), size, firewall.isPresent());
        } catch (NotFoundException e) {
            // not built yet
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("exercise11-host-image");
            Path runtime = work.resolve("opt/java");
            jlink(modules, runtime);
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("rootfs/opt/java", runtime);
            List<Path> natives = new ArrayList<>();
            natives.add(runtime.resolve("bin/java"));
            try (Stream<Path> walk = Files.walk(runtime)) {
                walk.filter(p -> p.getFileName().toString().endsWith(".so")).forEach(natives::add);
            }
            if (firewall.isPresent()) {
                files.put("rootfs" + IPTABLES, firewall.get().toRealPath());
                natives.add(firewall.get());
                for (Path extension : firewallExtensions(firewall.get())) {
                    files.put("rootfs" + extension, extension.toRealPath());
                    natives.add(extension);
                }
            }
            for (Path library : librariesOf(natives)) {
                files.putIfAbsent("rootfs" + library, library.toRealPath());
            }
            ImageFromDockerfile image = new ImageFromDockerfile(name, false).withFileFromString("Dockerfile", dockerfile);
            files.forEach(image::withFileFromPath);
            image.get();
            removeSuperseded(docker, name, modules);
            long size = docker.inspectImageCmd(name).exec().getSize();
            return new Built(name, false, Duration.ofNanos(System.nanoTime() - start), size, firewall.isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the host image " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the host image", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not build the host image " + name + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static String dockerfile(Set<String> modules) {
        String entryPoint = Stream.concat(Stream.of(JAVA), JVM_FLAGS.stream())
                .map(s -> "\"" + s + "\"").collect(Collectors.joining(", ", "[", "]"));
        return String.join("\n",
                "# Exercise 11 host: a jlink-made Java runtime and the host libraries it needs; nothing pulled.",
                "FROM scratch",
                "COPY rootfs/ /",
                "WORKDIR /tmp",
                "LABEL " + DockerEnvironment.KIT_LABEL + "=\"" + LABEL_VALUE + "\" " + MODULES_LABEL + "=\""
                        + String.join(",", modules) + "\"",
                "ENTRYPOINT " + entryPoint,
                "");
    }

    /** Hash what the image is made of; the JDK by its identity and its files' sizes and times, not its bytes. */
    private static String hash(Set<String> modules, String dockerfile, Optional<Path> firewall) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path home = Path.of(System.getProperty("java.home"));
            List<String> parts = new ArrayList<>(List.of(RECIPE_VERSION, String.join(",", modules), dockerfile,
                    String.join(" ", jlinkOptions()), home.toString(), System.getProperty("java.runtime.version"),
                    System.getProperty("java.vm.version")));
            for (Path file : List.of(home.resolve("release"), home.resolve("lib/modules"), home.resolve("lib/server/libjvm.so"))) {
                parts.add(fingerprint(file));
            }
            if (firewall.isPresent()) {
                parts.add(fingerprint(firewall.get()));
            }
            parts.forEach(p -> digest.update((p + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(Path file) {
        try {
            Path real = file.toRealPath();
            return real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis();
        } catch (IOException e) {
            return file + " absent";
        }
    }

    private static List<String> jlinkOptions() {
        return List.of("--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2");
    }

    private static void jlink(Set<String> modules, Path output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jlink").toString());
        command.addAll(List.of("--add-modules", String.join(",", modules)));
        command.addAll(jlinkOptions());
        command.addAll(List.of("--output", output.toString()));
        run(command, JLINK_LIMIT);
    }

    /** Return the shared libraries (with the dynamic loader) that {@code binaries} need, as ldd names them. */
    private static Set<Path> librariesOf(List<Path> binaries) throws IOException, InterruptedException {
        Set<Path> libraries = new TreeSet<>();
        for (Path binary : binaries) {
            for (String line : run(List.of("ldd", binary.toString()), Duration.ofSeconds(30))) {
                String text = line.trim();
                int arrow = text.indexOf("=> ");
                String path = arrow >= 0 ? text.substring(arrow + 3) : text;
                int paren = path.indexOf(" (");
                path = (paren >= 0 ? path.substring(0, paren) : path).trim();
                if (path.startsWith("/")) { // leaves out linux-vdso and the runtime's own libjvm ("not found" here)
                    libraries.add(Path.of(path));
                }
            }
        }
        return libraries;
    }

    /** Find this computer's iptables as a multi-call binary (nf_tables flavour first, else legacy). */
    private static Optional<Path> firewallTool() {
        for (String name : List.of("xtables-nft-multi", "xtables-legacy-multi")) {
            for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The iptables extensions the hosts' rules load ({@code -p udp}, {@code -m statistic}, {@code -j DROP}), where this computer keeps them. */
    private static List<Path> firewallExtensions(Path tool) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path lib : List.of(Path.of("/usr/lib"), Path.of("/usr/lib64"), Path.of("/lib"))) {
            dirs.add(lib.resolve("xtables"));
            if (Files.isDirectory(lib)) {
                try (Stream<Path> children = Files.list(lib)) {
                    children.map(child -> child.resolve("xtables")).forEach(dirs::add);
                }
            }
        }
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir.resolve("libxt_standard.so"))) {
                return Stream.of("libxt_standard.so", "libxt_udp.so", "libxt_statistic.so").map(dir::resolve).filter(Files::isRegularFile).toList();
            }
        }
        return List.of();
    }

    private static void removeSuperseded(DockerClient docker, String name, Set<String> modules) {
        try {
            List<Image> images = docker.listImagesCmd()
                    .withLabelFilter(Map.of(DockerEnvironment.KIT_LABEL, LABEL_VALUE, MODULES_LABEL, String.join(",", modules)))
                    .exec();
            for (Image image : images) {
                String[] tags = image.getRepoTags();
                if (tags != null && !List.of(tags).contains(name)) {
                    docker.removeImageCmd(image.getId()).exec();
                }
            }
        } catch (RuntimeException e) {
            // an image still in use stays; it is only housekeeping
        }
    }

    private static List<String> run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path output = Files.createTempFile("exercise11-host-image", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + seconds(limit));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 && !command.get(0).equals("ldd")) { // ldd fails on files it cannot read, and says why
                throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue() + ": " + lines);
            }
            return lines;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    static String seconds(Duration duration) {
        return String.format("%.2f s", duration.toNanos() / 1e9);
    }
}
