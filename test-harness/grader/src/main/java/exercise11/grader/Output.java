package exercise11.grader;

import exercise11.grader.gradebook.Gradebooks;
import exercise11.grader.report.Reports;
import exercise11.grader.report.RunFacts;
import exercise11.grader.report.SimilarityReport;
import exercise11.grader.score.StudentResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A grader's output folder ({@code --out}): what in it is the grader's, the refusal to grade into one that holds a
 * run's output already (runs are never mixed), and {@code --force}, which replaces it whole but deletes nothing that
 * is not the grader's.
 */
final class Output {

    /** The folder of the students' reports. */
    static final String STUDENTS = "students";
    /** The work folder, under the output unless the checks' user cannot enter it. */
    static final String WORK = "work";
    /** What a run writes at the top of its output, folders first. */
    static final List<String> TOP = List.of(STUDENTS, WORK, SimilarityReport.PAGES, "gradebook.csv", "summary.md", "index.html",
            "similarity.csv", RunFacts.FILE, Gradebooks.FILES.get(0), Gradebooks.FILES.get(1), Gradebooks.FILES.get(2));
    /** Any of these in a folder makes it a grader's output. */
    private static final List<String> MARKS = List.of(STUDENTS, "gradebook.csv", RunFacts.FILE);
    /** A student's record, whose head line marks a folder under {@code students/} as the grader's. */
    static final String RECORD = "checks.tsv";

    private Output() {
    }

    /** Whether {@code out} holds a grader's output: {@code students/}, {@code gradebook.csv} or {@code run.properties}. */
    static boolean holdsOne(Path out) {
        return MARKS.stream().anyMatch(name -> Files.exists(out.resolve(name), LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Before writing a whole run (a grade or a merge) into {@code out}: refuse, in one line, a folder that holds a
     * grader's output unless {@code force}; with {@code force}, refuse one that holds anything that is not the
     * grader's (so that {@code --out ~ --force} deletes nothing). Deletes nothing itself: see {@link #clear}.
     */
    static void checkReuse(Path out, boolean force, boolean merging) throws IOException {
        if (!Files.isDirectory(out)) {
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("--out '" + out + "' is a file, not a folder");
            }
            return;
        }
        if (force) {
            List<String> foreign = notTheGraders(out);
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException("--force replaces only a grader's output, and '" + out + "' holds more: "
                        + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                        + (foreign.size() > 3 ? " and " + (foreign.size() - 3) + " more" : "")
                        + "; nothing was deleted: give --out a folder of its own");
            }
            return;
        }
        if (holdsOne(out)) {
            throw new IllegalArgumentException("'" + out + "' already holds a grader's output ("
                    + String.join(", ", MARKS.stream().filter(n -> Files.exists(out.resolve(n), LinkOption.NOFOLLOW_LINKS))
                            .map(n -> n.equals(STUDENTS) ? n + "/" : n).toList()) + "): "
                    + (merging ? "" : "regrade some students with --only NAME..., ")
                    + "replace it whole with --force, or give another --out");
        }
    }

    /**
     * What in {@code out} is not the grader's: an entry of another name, a link, a file where the grader writes a
     * folder, or under {@code students/} anything but a folder that holds a student's record.
     */
    static List<String> notTheGraders(Path out) throws IOException {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> entries = Files.list(out)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                boolean folder = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
                boolean graders = TOP.contains(name) && !Files.isSymbolicLink(entry)
                        && folder == (name.equals(STUDENTS) || name.equals(WORK) || name.equals(SimilarityReport.PAGES));
                if (!graders) {
                    foreign.add(name);
                } else if (name.equals(SimilarityReport.PAGES)) {
                    try (Stream<Path> pages = Files.list(entry)) {
                        pages.sorted().filter(page -> !Files.isRegularFile(page, LinkOption.NOFOLLOW_LINKS)
                                        || !page.getFileName().toString().matches("\\d{3,}\\.html"))
                                .forEach(page -> foreign.add(SimilarityReport.PAGES + "/" + page.getFileName()));
                    }
                } else if (name.equals(STUDENTS)) {
                    try (Stream<Path> students = Files.list(entry)) {
                        students.sorted().filter(s -> !isStudentFolder(s)).forEach(s -> foreign.add(STUDENTS + "/" + s.getFileName()));
                    }
                }
            }
        }
        return foreign;
    }

    /** Whether {@code folder} is a folder (not a link) holding a student's record as the grader writes it. */
    static boolean isStudentFolder(Path folder) {
        Path record = folder.resolve(RECORD);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var in = Files.newInputStream(record)) {
            return new String(in.readNBytes(8), StandardCharsets.UTF_8).equals("STUDENT\t");
        } catch (IOException e) {
            return false;
        }
    }

    /** What the work folder of {@code out} holds now (an earlier run's work), for {@link #clear} to delete later. */
    static List<Path> workOf(Path out) throws IOException {
        Path work = out.resolve(WORK);
        if (!Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> inside = Files.list(work)) {
            return inside.toList();
        }
    }

    /**
     * Delete the grader's output in {@code out} ({@link #checkReuse} with {@code force} said that it is all the
     * grader's): its reports, and of its work folder {@code oldWork}, what an earlier run left there ({@link #workOf}),
     * not what this run has put there since.
     */
    static void clear(Path out, List<Path> oldWork) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        for (String name : TOP) {
            if (!name.equals(WORK)) {
                SubmissionGrader.deleteTree(out.resolve(name));
            }
        }
        for (Path p : oldWork) {
            SubmissionGrader.deleteTree(p);
        }
    }

    /** Every student's record in the output {@code out}, by folder name. */
    static List<StudentResult> records(Path out) throws IOException {
        List<StudentResult> results = new ArrayList<>();
        Path students = out.resolve(STUDENTS);
        if (!Files.isDirectory(students)) {
            return results;
        }
        try (Stream<Path> folders = Files.list(students)) {
            for (Path folder : folders.filter(Output::isStudentFolder).sorted().toList()) {
                results.add(Reports.readRaw(folder.resolve(RECORD)));
            }
        }
        return results;
    }

    /** The run's facts of the grader's output {@code out}; one line, exit 2, when it is none. */
    static Reports.Run facts(Path out, String what) throws IOException {
        if (!Files.isDirectory(out.resolve(STUDENTS)) || !Files.isRegularFile(out.resolve(RunFacts.FILE))) {
            throw new IllegalArgumentException(what + " '" + out + "' is not a grader's output (it has no "
                    + (Files.isDirectory(out.resolve(STUDENTS)) ? RunFacts.FILE : STUDENTS + "/ folder") + ")");
        }
        return RunFacts.read(out.resolve(RunFacts.FILE));
    }
}
