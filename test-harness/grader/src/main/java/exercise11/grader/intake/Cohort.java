package exercise11.grader.intake;

import exercise11.grader.spreadsheet.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A submissions folder, read once: every entry in it is a submission, an entry not graded (with the reason), or
 * operating-system litter (ignored, and listed as ignored). Nothing in the folder goes unaccounted for.
 *
 * @param submissions the entries to grade, by student name: a folder, a git repository, a {@code .zip}, a
 *                    {@code .tar.gz} or {@code .tgz}
 * @param notGraded the entries that are not a submission (a {@code .pdf}, a {@code .rar}, a second entry of the
 *                  same student), each kept as a student with the reason, so that nobody vanishes from the gradebook
 * @param ignored the names of the litter left out: {@code __MACOSX}, {@code .DS_Store}, {@code Thumbs.db},
 *                {@code desktop.ini} and every other hidden (dot) entry
 * @param refused the entries whose name cannot stand in a spreadsheet as it is (it starts as a formula, or holds a
 *                line break), each with why: neither graded nor renamed, since a gradebook import must match the name
 */
public record Cohort(List<Submission> submissions, List<NotGraded> notGraded, List<String> ignored, List<NotGraded> refused) {

    /** What the reports say of the litter they list. */
    public static final String IGNORED_WHY = "operating-system litter and hidden entries, not students";
    private static final Set<String> LITTER = Set.of("__macosx", "thumbs.db", "desktop.ini", "ehthumbs.db", "$recycle.bin");
    private static final String FORMS = "a folder, .zip, .tar.gz or git repository";

    /**
     * An entry of the folder that is kept as a student but not graded.
     *
     * @param student the name the gradebook lists
     * @param entry the entry's file name in the folder
     * @param reason why it was not graded, one line
     */
    public record NotGraded(String student, String entry, String reason) {
    }

    /** Read the submissions folder {@code folder}, with no deadline. */
    public static Cohort read(Path folder) {
        return read(folder, Optional.empty());
    }

    /**
     * Read the submissions folder {@code folder}; a git submission is to be graded at its last commit at or before
     * {@code deadline}, if one is given.
     *
     * @throws IllegalArgumentException if {@code folder} is itself one submission (see {@link #oneSubmission})
     */
    public static Cohort read(Path folder, Optional<OffsetDateTime> deadline) {
        oneSubmission(folder).ifPresent(holds -> {
            throw new IllegalArgumentException(oneSubmissionMessage(folder, holds));
        });
        List<Path> entries;
        try (Stream<Path> listed = Files.list(folder)) {
            entries = listed.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the submissions in " + folder, e);
        }
        List<Submission> submissions = new ArrayList<>();
        List<NotGraded> notGraded = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<NotGraded> refused = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (isLitter(name)) {
                ignored.add(name);
                continue;
            }
            Optional<String> unsafe = Csv.unsafeIdentifier(name);
            if (unsafe.isPresent()) {
                refused.add(new NotGraded(name, name, "refused: " + unsafe.get() + "; rename the entry to the student's"
                        + " name or id and grade it again"));
                continue;
            }
            Optional<Submission.Form> form = Submission.Form.of(entry);
            if (form.isPresent()) {
                submissions.add(new Submission(form.get().student(name), entry, deadline));
            } else {
                notGraded.add(new NotGraded(studentOfFile(name), name, name + " is " + kindOf(entry, name) + ", not " + FORMS));
            }
        }
        // Folders before archives, so that alice/ is graded when alice.zip is there too; the second is listed.
        submissions.sort(Comparator.comparing((Submission s) -> !Files.isDirectory(s.entry()))
                .thenComparing(s -> s.entry().getFileName().toString()));
        Set<String> taken = new HashSet<>();
        List<Submission> unique = new ArrayList<>();
        for (Submission s : submissions) {
            if (taken.add(s.student())) {
                unique.add(s);
            } else {
                String name = s.entry().getFileName().toString();
                notGraded.add(new NotGraded(name, name, name + " is " + s.student() + "'s second entry; only the first ("
                        + unique.stream().filter(u -> u.student().equals(s.student())).findFirst()
                                .map(u -> u.entry().getFileName().toString()).orElse("") + ") was graded"));
            }
        }
        // A file's name may be a graded student's (jon/ and jon.pdf): the file is then listed under its whole name.
        List<NotGraded> files = new ArrayList<>();
        for (NotGraded n : notGraded) {
            boolean clash = taken.contains(n.student()) || files.stream().anyMatch(f -> f.student().equals(n.student()));
            files.add(clash ? new NotGraded(n.entry(), n.entry(), n.reason()) : n);
        }
        unique.sort(Comparator.comparing(Submission::student));
        files.sort(Comparator.comparing(NotGraded::student));
        return new Cohort(List.copyOf(unique), List.copyOf(files), List.copyOf(ignored), List.copyOf(refused));
    }

    /**
     * What makes {@code folder} one submission rather than a folder of them, if it is one: it holds
     * {@code src/main/java}, or {@code pom.xml} beside {@code src}.
     */
    public static Optional<String> oneSubmission(Path folder) {
        if (Files.isDirectory(folder.resolve("src/main/java"))) {
            return Optional.of("src/main/java");
        }
        if (Files.isRegularFile(folder.resolve("pom.xml")) && Files.isDirectory(folder.resolve("src"))) {
            return Optional.of("pom.xml and src");
        }
        return Optional.empty();
    }

    /** The one line that refuses a folder that is one submission, with the folder to give instead. */
    public static String oneSubmissionMessage(Path folder, String holds) {
        Path parent = folder.getParent();
        String around = parent != null ? parent.toString()
                : folder.normalize().toString().isEmpty() || folder.normalize().toString().equals(".") ? ".." : ".";
        return "'" + folder + "' is one submission (it holds " + holds + "); give the folder that holds one entry per"
                + " student, such as '" + around + "'";
    }

    /** Whether an entry of the folder is litter: an operating system's own file, or a hidden (dot) entry. */
    static boolean isLitter(String name) {
        return name.startsWith(".") || LITTER.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The {@code index}-th (from 1) of {@code count} equal shares: every {@code count}-th entry, graded or not, in the
     * order of the students' names. The ignored and refused entries are listed in every share.
     */
    public Cohort shard(int index, int count) {
        List<String> students = new ArrayList<>();
        submissions.forEach(s -> students.add(s.student()));
        notGraded.forEach(n -> students.add(n.student()));
        students.sort(Comparator.naturalOrder());
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < students.size(); i++) {
            if (i % count == index - 1) {
                mine.add(students.get(i));
            }
        }
        return new Cohort(submissions.stream().filter(s -> mine.contains(s.student())).toList(),
                notGraded.stream().filter(n -> mine.contains(n.student())).toList(), ignored, refused);
    }

    /** Whether the folder holds no student at all (litter aside). */
    public boolean isEmpty() {
        return submissions.isEmpty() && notGraded.isEmpty();
    }

    private static String studentOfFile(String name) {
        String student = name.replaceFirst("(?i)(\\.tar)?\\.[^.]+$", "");
        return student.isEmpty() ? name : student;
    }

    private static String kindOf(Path entry, String name) {
        if (!Files.isRegularFile(entry)) {
            return "neither a file nor a folder";
        }
        java.util.regex.Matcher extension = java.util.regex.Pattern.compile("(?i)((\\.tar)?\\.[^.]+)$").matcher(name);
        return extension.find() && extension.start() > 0 ? "a " + extension.group(1).toLowerCase(Locale.ROOT) + " file" : "a file";
    }
}
