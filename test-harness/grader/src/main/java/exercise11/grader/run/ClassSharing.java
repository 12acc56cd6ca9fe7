package exercise11.grader.run;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Class data sharing for the checks' JVM: an archive of the classes a run of the checks loads (the JDK's, JUnit's,
 * the harness's and the checks' own), made once for a grading run and mapped by every submission's checks' JVM, which
 * then skips reading, parsing and verifying them. Only the kit's own classes are archived, from a run of the checks
 * against the kit's own solution in the grader's own trusted JVM; a submission's classes stay a folder after them on
 * the classpath and are loaded as before, and nothing a submission runs can write the archive (the grader's file,
 * read-only to everyone else). A JVM that finds the archive does not match its classpath runs without it.
 *
 * <p>The archive wants jars: the classpath's folders (the harness's classes, the compiled checks) are packed into
 * jars of their own here.
 *
 * @param archive the archive's file
 * @param checksJar the compiled checks as a jar, in place of their folder
 * @param classpath the harness's classpath with its folders as jars, then the checks' jar: what the archive was made for
 * @param folder where the archive and its jars lie, for a confined run to read
 * @param classes how many classes the list for the archive named
 * @param seconds how long making the archive took
 */
public record ClassSharing(Path archive, Path checksJar, String classpath, Path folder, int classes, double seconds) {

    /** The cohorts from this size on get an archive: below it, making one costs more than it saves. */
    public static final int FROM_SUBMISSIONS = 20;

    /**
     * Make the archive in {@code folder} for runs of {@code checks} on {@code harnessClasspath} under {@code limits}:
     * pack the folders, run the checks once against {@code solutionClasses} listing what they load, dump that list.
     * Empty, with the reason in {@code why}, when any step fails: the runs then go without an archive.
     */
    public static Optional<ClassSharing> prepare(ChecksRun.Limits limits, Path checks, Path solutionClasses, Path folder,
                                                 StringBuilder why) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(folder);
        List<String> packed = new ArrayList<>();
        int n = 0;
        for (String entry : limits.harnessClasspath().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = folder.resolve((n++) + "-" + path.getFileName() + ".jar");
                pack(path, jar);
                packed.add(jar.toString());
            } else if (Files.isRegularFile(path)) {
                packed.add(entry);
            }
        }
        Path checksJar = folder.resolve("checks.jar");
        pack(checks, checksJar);
        packed.add(checksJar.toString());
        String classpath = String.join(File.pathSeparator, packed);

        // A run of the checks against the solution, only to list the classes it loads.
        Path training = Files.createDirectories(folder.resolve("training"));
        Path key = training.resolve("key");
        Files.write(key, ResultChannel.newKey());
        Path list = folder.resolve("classes.txt");
        List<String> command = new ArrayList<>(List.of(java(), "-XX:DumpLoadedClassList=" + list));
        command.addAll(ChecksRun.jvmOptions(limits, solutionClasses.toString()));
        command.addAll(List.of("-XX:-UsePerfData", "-Djava.io.tmpdir=" + training, "-cp",
                classpath + File.pathSeparator + solutionClasses, RunChecks.class.getName(), checksJar.toString(),
                training.resolve("results.tsv").toString(), key.toString()));
        if (!run(command, training, limits.timeLimit().toSeconds(), folder.resolve("training.log"))
                || !Files.isRegularFile(list)) {
            why.append("the run that lists the classes failed (").append(folder.resolve("training.log")).append(")");
            return Optional.empty();
        }
        // The submission's classes (package exercise11 itself) are never archived: they differ from one to the next.
        List<String> kept = Files.readAllLines(list, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.matches("exercise11/[^/ ]+( .*)?")).toList();
        Files.write(list, kept, StandardCharsets.UTF_8);
        Path archive = folder.resolve("checks.jsa");
        List<String> dump = List.of(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive,
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", classpath);
        if (!run(dump, folder, 300, folder.resolve("dump.log")) || !Files.isRegularFile(archive)) {
            why.append("dumping the archive failed (").append(folder.resolve("dump.log")).append(")");
            return Optional.empty();
        }
        return Optional.of(new ClassSharing(archive, checksJar, classpath, folder, kept.size(), (System.nanoTime() - start) / 1e9));
    }

    /** The options that make a JVM map the archive, or run without it when it does not match. */
    List<String> jvmOptions() {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean run(List<String> command, Path directory, long seconds, Path log) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    /** Pack the files under {@code folder} into {@code jar}, in a fixed order and with a fixed time. */
    private static void pack(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry entry = new JarEntry(folder.relativize(path).toString().replace(File.separatorChar, '/'));
                entry.setLastModifiedTime(FileTime.fromMillis(0));
                out.putNextEntry(entry);
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
