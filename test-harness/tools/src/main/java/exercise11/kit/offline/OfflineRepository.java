package exercise11.kit.offline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a student repository carries to build on a machine with no network: a Maven repository folder of its own,
 * {@value #FOLDER}, holding every library and plugin the student's commands use, and named in the pom as the first
 * repository for both. Maven then finds everything there, with or without a network, and with an empty
 * {@code ~/.m2}.
 *
 * <p>It is filled by running those commands once, on a copy of the repository, with an empty local repository of
 * their own: what Maven downloads then is exactly what they need, no more. The commands are {@link #COMMANDS}.
 */
public final class OfflineRepository {

    /** The folder, at the root of the student repository. */
    public static final String FOLDER = "offline-repository";
    /** The repository's id in the pom (a mirror in a settings.xml must leave it alone: {@code *,!exercise11-offline}). */
    public static final String ID = "exercise11-offline";
    /**
     * The student's Maven commands, as arguments after {@code mvn}: the everyday build (its checks run, so that
     * surefire's JUnit provider is fetched), the cross-host build's libraries and plugin (no check run: they need
     * Docker), and {@code clean}.
     */
    static final List<List<String>> COMMANDS = List.of(List.of("verify"), List.of("verify", "-Pcross-host", "-DskipTests"),
            List.of("clean"));
    /**
     * The copy's {@code .mvn/maven.config}: Maven's offline mode ({@code mvn -o}, or {@code <offline>} in a lab's
     * settings) then still reads a repository on this machine's own disk, as this folder is.
     */
    public static final String MAVEN_CONFIG = "-Daether.offline.protocols=file\n";
    /** How long one of the commands may take: the first downloads everything from Maven Central. */
    private static final long COMMAND_MINUTES = 20;

    private OfflineRepository() {
    }

    /**
     * The pom's {@code <repositories>} and {@code <pluginRepositories>}, naming {@value #FOLDER} beside the pom (as
     * a URL Maven makes of the project's folder, so spaces and Windows drives are spelled right).
     */
    public static String pomRepositories() {
        String repository = "      <id>" + ID + "</id>\n      <name>Everything this build needs, carried with it (offline labs)</name>\n"
                + "      <url>${project.baseUri}" + FOLDER + "</url>\n";
        return "  <!-- " + FOLDER + "/ carries every library and plugin this build needs, so that it works with no\n"
                + "       network. Maven looks here first; with a network, the rest comes from Maven Central as before. -->\n"
                + "  <repositories>\n    <repository>\n" + repository + "    </repository>\n  </repositories>\n"
                + "  <pluginRepositories>\n    <pluginRepository>\n" + repository + "    </pluginRepository>\n"
                + "  </pluginRepositories>\n";
    }

    /**
     * Fill {@code repository}'s {@value #FOLDER} by running {@link #COMMANDS} on a copy of it in {@code scratch} with
     * an empty local repository; return the bytes it holds. A command that fails throws, with its last lines.
     */
    public static long fill(Path repository, Path scratch) throws IOException {
        Path copy = scratch.resolve("build");
        Path local = scratch.resolve("local-repository");
        copyTree(repository, copy);
        Files.createDirectories(local);
        for (List<String> goals : COMMANDS) {
            List<String> command = new ArrayList<>(List.of(maven(), "-B", "-ntp", "-q", "-Dmaven.repo.local=" + local));
            command.addAll(goals);
            run(command, copy, scratch.resolve("maven.log"));
        }
        Path target = repository.resolve(FOLDER);
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".lastUpdated") || name.equals("_remote.repositories")
                        || name.equals("resolver-status.properties") || name.endsWith(".sha1") || name.endsWith(".md5")) {
                    continue; // the local repository's own bookkeeping; checksums are written afresh below
                }
                // A local repository keeps each remote's metadata apart (maven-metadata-central.xml); a remote has one.
                String served = name.matches("maven-metadata-.+\\.xml") ? "maven-metadata.xml" : name;
                Path to = target.resolve(local.relativize(file.resolveSibling(served)).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
                Files.writeString(to.resolveSibling(served + ".sha1"), sha1(to), StandardCharsets.US_ASCII);
            }
        }
        return bytesIn(target);
    }

    /** The bytes the files under {@code folder} hold, 0 when there is none. */
    public static long bytesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            long bytes = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    /** {@code bytes} as the guide says a size: "23 MB". */
    public static String shown(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%d MB", Math.round(bytes / (double) (1 << 20)))
                : String.format(Locale.ROOT, "%d KB", Math.max(1, Math.round(bytes / 1024.0)));
    }

    private static String maven() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "mvn.cmd" : "mvn";
    }

    private static void run(List<String> command, Path folder, Path log) throws IOException {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended;
        try {
            ended = process.waitFor(COMMAND_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException("'mvn " + String.join(" ", command.subList(5, command.size())) + "' did not end within "
                    + COMMAND_MINUTES + " min while filling " + FOLDER);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new IOException("'mvn " + String.join(" ", command.subList(5, command.size())) + "' failed while filling "
                    + FOLDER + " (is Maven Central reachable from here?): " + last);
        }
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-1, which Maven's checksums are", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted().toList()) {
                Path into = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(into);
                } else {
                    Files.copy(path, into);
                }
            }
        }
    }
}
