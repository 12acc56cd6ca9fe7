package exercise11.grader.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One student's entry in a cohort folder: a folder (a git repository is graded at its last commit) or a zip.
 *
 * @param student the student's name: the entry's file name without {@code .zip}
 * @param entry the folder or zip in the cohort folder
 */
public record Submission(String student, Path entry) {

    private static final long MAX_UNZIPPED_BYTES = 50L * 1024 * 1024;

    /** List the submissions of a cohort folder, by student name; hidden entries are ignored. */
    public static List<Submission> inCohort(Path cohort) {
        try (Stream<Path> entries = Files.list(cohort)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
                    .map(p -> new Submission(p.getFileName().toString().replaceFirst("(?i)\\.zip$", ""), p))
                    .sorted(Comparator.comparing(Submission::student))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the submissions in " + cohort, e);
        }
    }

    /**
     * Make the submission's files available under {@code work} and return the module folder that holds
     * {@code src/main/java}, or empty if there is none.
     */
    public Optional<Path> unpack(Path work) throws IOException {
        Path root = entry;
        if (Files.isRegularFile(entry)) {
            root = work.resolve("unzipped");
            unzip(entry, root);
        } else if (Files.isDirectory(entry.resolve(".git"))) {
            root = work.resolve("checkout");
            cloneLastCommit(entry, root);
        }
        return findModule(root);
    }

    private static Optional<Path> findModule(Path root) throws IOException {
        try (Stream<Path> found = Files.find(root, 4, (p, a) -> a.isDirectory() && p.endsWith(Path.of("src", "main", "java")))) {
            return found.filter(p -> !p.toString().contains("__MACOSX"))
                    .min(Comparator.comparingInt(Path::getNameCount))
                    .map(p -> p.getParent().getParent().getParent());
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("the zip holds a path outside its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                total += copyBounded(in, out, MAX_UNZIPPED_BYTES - total);
            }
        }
    }

    private static long copyBounded(InputStream in, Path out, long allowed) throws IOException {
        byte[] buffer = new byte[8192];
        long written = 0;
        try (var os = Files.newOutputStream(out)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > allowed) {
                    throw new IOException("the zip unpacks to more than " + MAX_UNZIPPED_BYTES / (1024 * 1024) + " MB");
                }
                os.write(buffer, 0, n);
            }
        }
        return written;
    }

    private static void cloneLastCommit(Path repository, Path target) throws IOException {
        Process git = new ProcessBuilder("git", "clone", "--quiet", "--depth", "1", repository.toUri().toString(), target.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                throw new IOException("git could not clone " + repository + " (is it a repository with a commit?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while cloning " + repository, e);
        }
    }
}
