package exercise11.grader;

import exercise11.grader.intake.Submission;
import exercise11.grader.report.Reports;
import exercise11.grader.report.RunFacts;
import exercise11.grader.score.Rubric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Grading again without mixing runs: {@code --only NAME...} regrades some students into an existing output, whose
 * cohort files are then rebuilt from every student's record; {@code --merge} takes one result per student, and a
 * student found in several outputs only with {@code --prefer}. A regrade or a merge whose kit, checks or rubric
 * differ from the output's is refused unless {@code --force}; one whose rubric has another total, always (one
 * gradebook has one total).
 */
final class Regrade {

    private Regrade() {
    }

    /** The submissions of {@code cohort} that {@code names} name; a name of none is one line with the nearest names. */
    static List<Submission> selected(List<Submission> cohort, List<String> names, Path cohortFolder) {
        Map<String, Submission> byName = new LinkedHashMap<>();
        cohort.forEach(s -> byName.put(s.student(), s));
        List<Submission> chosen = new ArrayList<>();
        for (String name : names) {
            Submission submission = byName.get(name);
            if (submission == null) {
                throw new IllegalArgumentException("--only " + name + ": no such submission in " + cohortFolder
                        + Nearest.hint(name, byName.keySet()));
            }
            if (!chosen.contains(submission)) {
                chosen.add(submission);
            }
        }
        return chosen;
    }

    /** The SHA-256 of the checks' files under {@code folder}: each file's path and bytes, in path order. */
    static String checksSha256(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return "";
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] content = Files.readAllBytes(file);
                all.writeBytes((folder.relativize(file).toString().replace('\\', '/') + "\0" + content.length + "\0")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                all.writeBytes(content);
            }
        }
        return Rubric.sha256(all.toByteArray());
    }

    /**
     * Refuse, in one line, to put results of {@code now} beside those of {@code before} in one output ({@code what}
     * names it): another total always; another kit, checks, rubric or {@code --show-hidden} unless {@code force}.
     * Return how {@code now} differs, in words (empty when it does not), for the output's facts.
     */
    static String checkSameRun(Reports.Run before, Reports.Run now, boolean force, String what) {
        if (before.maxScore() != now.maxScore()) {
            throw new IllegalArgumentException(what + " was scored out of " + Reports.points(before.maxScore()) + " and "
                    + now.rubric() + " totals " + Reports.points(now.maxScore()) + ": one gradebook cannot hold both"
                    + (what.startsWith("--out") ? "; grade the whole cohort again (without --only, with --force or another --out)" : ""));
        }
        List<String> differences = new ArrayList<>();
        if (!before.kitVersion().equals(now.kitVersion()) || !before.checksSha256().equals(now.checksSha256())) {
            differences.add("kit " + now.kitVersion() + " (checks " + shortHash(now.checksSha256()) + ") where " + what
                    + " has kit " + before.kitVersion() + " (checks " + shortHash(before.checksSha256()) + ")");
        }
        if (!before.rubricSha256().equals(now.rubricSha256())) {
            differences.add("rubric " + now.rubric() + " (sha256 " + shortHash(now.rubricSha256()) + ") where " + what
                    + " has " + before.rubric() + " (sha256 " + shortHash(before.rubricSha256()) + ")");
        }
        if (before.showHidden() != now.showHidden()) {
            differences.add((now.showHidden() ? "" : "no ") + "--show-hidden where " + what + " has "
                    + (before.showHidden() ? "" : "no ") + "--show-hidden");
        }
        if (!differences.isEmpty() && !force) {
            throw new IllegalArgumentException("this would mix runs: " + String.join("; ", differences)
                    + "; regrade with the same kit and rubric (--rubric FILE), or add --force to mix them"
                    + " (each student's run.properties says which run graded them)");
        }
        return String.join("; ", differences);
    }

    private static String shortHash(String sha) {
        return sha.isEmpty() ? "not recorded" : sha.substring(0, Math.min(12, sha.length()));
    }

    /** One student's result in one output of a merge. */
    record Found(String folder, Path part, int index, Path from, Instant graded) {
    }

    /** Every student folder of the output {@code part} (the {@code index}-th given), with when each was graded. */
    static List<Found> studentsOf(Path part, int index, Reports.Run facts) throws IOException {
        List<Found> found = new ArrayList<>();
        try (Stream<Path> folders = Files.list(part.resolve(Output.STUDENTS))) {
            for (Path folder : folders.filter(Output::isStudentFolder).sorted().toList()) {
                Path own = folder.resolve(RunFacts.FILE);
                String graded = Files.isRegularFile(own) ? RunFacts.read(own).graded() : "";
                found.add(new Found(folder.getFileName().toString(), part, index, folder,
                        instant(graded.isEmpty() ? facts.started() : graded)));
            }
        }
        return found;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    /**
     * One result per student: a student found in several outputs is refused, in one line, without {@code prefer};
     * with it, the newest (by when that student was graded; a tie goes to the output given last), the first or the
     * last output given wins. The winners, by folder, and what was chosen, in words, are returned.
     */
    static Map<String, Found> choose(List<Found> all, Optional<String> prefer, List<String> chosen) {
        Map<String, List<Found>> byStudent = new java.util.TreeMap<>();
        all.forEach(f -> byStudent.computeIfAbsent(f.folder(), k -> new ArrayList<>()).add(f));
        List<String> twice = byStudent.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
        if (!twice.isEmpty() && prefer.isEmpty()) {
            List<Found> first = byStudent.get(twice.get(0));
            throw new IllegalArgumentException(twice.get(0) + " is in " + first.size() + " of the outputs ("
                    + String.join(", ", first.stream().map(f -> f.part().toString()).toList()) + ")"
                    + (twice.size() > 1 ? ", and " + (twice.size() - 1) + " more student(s) are in several" : "")
                    + ": say which result wins with --prefer " + String.join("|", Options.PREFERENCES));
        }
        Comparator<Found> order = switch (prefer.orElse("newest")) {
            case "first" -> Comparator.comparingInt((Found f) -> -f.index());
            case "last" -> Comparator.comparingInt(Found::index);
            default -> Comparator.comparing(Found::graded).thenComparingInt(Found::index);
        };
        Map<String, Found> winners = new LinkedHashMap<>();
        byStudent.forEach((student, found) -> {
            Found winner = found.stream().max(order).orElseThrow();
            winners.put(student, winner);
            if (found.size() > 1) {
                chosen.add(student + " from " + winner.part().getFileName() + " (" + prefer.orElse("newest") + ")");
            }
        });
        return winners;
    }
}
