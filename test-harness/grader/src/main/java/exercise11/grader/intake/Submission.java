package exercise11.grader.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One student's entry in a submissions folder ({@link Cohort#read} lists them): a folder, a git repository (graded
 * at its last commit, or at its last commit at or before the deadline), a {@code .zip}, or a {@code .tar.gz} /
 * {@code .tgz}.
 *
 * @param student the student's name: the entry's file name without its archive suffix
 * @param entry the folder or archive in the submissions folder
 * @param deadline the deadline a git submission is graded at, if one was given
 */
public record Submission(String student, Path entry, Optional<OffsetDateTime> deadline) {

    /** The forms a submission comes in, recognised by what the entry is. */
    enum Form {
        FOLDER(""), GIT(""), ZIP("(?i)\\.zip$"), TAR_GZ("(?i)\\.(tar\\.gz|tgz)$");

        private final String suffix;

        Form(String suffix) {
            this.suffix = suffix;
        }

        /** The form of {@code entry}, or empty if it is not a submission. */
        static Optional<Form> of(Path entry) {
            if (Files.isDirectory(entry)) {
                return Optional.of(Files.isDirectory(entry.resolve(".git")) ? GIT : FOLDER);
            }
            String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isRegularFile(entry) && name.endsWith(".zip")) {
                return Optional.of(ZIP);
            }
            if (Files.isRegularFile(entry) && (name.endsWith(".tar.gz") || name.endsWith(".tgz"))) {
                return Optional.of(TAR_GZ);
            }
            return Optional.empty();
        }

        /** The student's name an entry called {@code name} gives. */
        String student(String name) {
            String student = suffix.isEmpty() ? name : name.replaceFirst(suffix, "");
            return student.isEmpty() ? name : student;
        }
    }

    /**
     * What unpacking gave.
     *
     * @param module the folder that holds {@code src/main/java}, if there is one
     * @param graded what is graded: the commit (hash and committer date) of a git submission, else the newest file time
     * @param late the commits after the deadline (how many, the newest's date), or empty
     * @param notGraded why the submission is not graded at all (no commit before the deadline), if so
     */
    public record Unpacked(Optional<Path> module, String graded, String late, Optional<String> notGraded) {
    }

    /**
     * Make the submission's files available under {@code work} and return the module folder that holds
     * {@code src/main/java}, or empty if there is none, with what was graded.
     */
    public Unpacked unpack(Path work) throws IOException {
        Form form = Form.of(entry).orElseThrow(() -> new IOException(entry.getFileName() + " is not a submission"));
        if (form == Form.GIT) {
            Path checkout = work.resolve("checkout");
            GitCheckout.Checkout done = GitCheckout.checkout(entry, checkout, deadline, work.resolve("git"));
            return new Unpacked(done.notGraded().isPresent() ? Optional.empty() : findModule(checkout), done.graded(),
                    done.late(), done.notGraded());
        }
        Path root = switch (form) {
            case ZIP -> work.resolve("unzipped");
            case TAR_GZ -> work.resolve("untarred");
            default -> entry; // a folder is graded where it lies
        };
        if (form != Form.FOLDER) {
            Archives.unpack(entry, form == Form.ZIP ? Archives.Format.ZIP : Archives.Format.TAR_GZ, root);
        }
        Optional<Path> module = findModule(root);
        String newest = module.isEmpty() ? "" : newestFile(module.get())
                .map(t -> "the files as handed in, the newest changed " + t.toInstant().truncatedTo(ChronoUnit.SECONDS))
                .orElse("the files as handed in");
        if (deadline.isPresent() && !newest.isEmpty()) {
            newest += " (no commit dates, so not checked against the deadline)";
        }
        return new Unpacked(module, newest, "", Optional.empty());
    }

    /** A deadline as the reports show it: ISO 8601 with its offset, to the second. */
    public static String shown(OffsetDateTime time) {
        return time.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Optional<Path> findModule(Path root) throws IOException {
        try (Stream<Path> found = Files.find(root, 4, (p, a) -> a.isDirectory() && p.endsWith(Path.of("src", "main", "java")))) {
            return found.filter(p -> !p.toString().contains("__MACOSX"))
                    .min(Comparator.comparingInt(Path::getNameCount))
                    .map(p -> p.getParent().getParent().getParent());
        }
    }

    /** The newest time a regular file under {@code module} (not under {@code .git} or {@code target}) was changed. */
    private static Optional<FileTime> newestFile(Path module) throws IOException {
        try (Stream<Path> all = Files.walk(module)) { // does not follow links
            return all.filter(p -> {
                String relative = module.relativize(p).toString().replace('\\', '/');
                return !relative.equals(".git") && !relative.startsWith(".git/") && !relative.startsWith("target/");
            }).map(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    return a.isRegularFile() ? a.lastModifiedTime() : null;
                } catch (IOException e) {
                    return null;
                }
            }).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder());
        }
    }
}
