package exercise11.grader.gradebook;

import exercise11.grader.spreadsheet.Csv;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A course's roster, read from GitHub Classroom's roster download or from a plain CSV file, and which submission is
 * whose.
 *
 * <p>GitHub Classroom's columns are {@code identifier,github_username,github_id,name}: the identifier is what the
 * teacher entered for the student (a student number, an e-mail, a login), and the user name is empty until the
 * student has joined. A submission is that student's when its name is the user name, or ends with {@code -} and the
 * user name (Classroom names a repository {@code <assignment>-<user>}), ignoring case as GitHub does; the longest
 * user name that fits wins. A plain roster has {@code submission,student_id,email} and may add {@code name} and
 * {@code section}; its submission column is the submission's exact name.
 *
 * @param file the file read, as given
 * @param format {@code github-classroom} or {@code plain}
 * @param students one per roster line, in the file's order
 */
public record Roster(Path file, String format, List<Student> students) {

    /** The header of GitHub Classroom's roster download. */
    public static final List<String> CLASSROOM = List.of("identifier", "github_username", "github_id", "name");
    /** The columns a plain roster must have; {@code name} and {@code section} may follow. */
    public static final List<String> PLAIN = List.of("submission", "student_id", "email");

    /**
     * One line of the roster.
     *
     * @param line the line number in the file (the header is line 1)
     * @param key what names the student's submission: Classroom's user name, a plain roster's submission; empty for a
     *            Classroom student who has not joined
     * @param identifier the id the learning platform knows the student by: Classroom's identifier, a plain roster's
     *                   student id
     * @param email the student's e-mail: a plain roster's, or Classroom's identifier when it is one; else empty
     * @param name the student's name, empty if the roster has none
     * @param section the student's section, empty if the roster has none
     */
    public record Student(int line, String key, String identifier, String email, String name, String section) {

        /** How a listing names this roster line. */
        public String shown() {
            String who = !name.isEmpty() ? name : !identifier.isEmpty() ? identifier : email;
            return "line " + line + " (" + who + (key.isEmpty() ? ", no GitHub account linked" : ", " + key) + ")";
        }
    }

    /**
     * Which submissions are whose.
     *
     * @param matched each submission with a roster line, by submission name
     * @param withoutRosterLine the submissions no roster line names
     * @param withoutSubmission the roster lines no submission matched
     * @param ambiguous the submissions that share a roster line with another, each with the line (none is imported)
     */
    public record Matching(Map<String, Student> matched, List<String> withoutRosterLine, List<Student> withoutSubmission,
                           Map<String, Student> ambiguous) {
    }

    /**
     * Read the roster in {@code file}.
     *
     * @throws IllegalArgumentException in one line naming the file and line, for a file that is neither format, a line
     *                                  without what it needs, two lines for one student, or an identifier that a
     *                                  spreadsheet would run (refused, never altered, so that an import still matches)
     */
    public static Roster read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("roster " + file + " is not UTF-8 text (save it as CSV UTF-8)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the roster " + file + ": " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte-order mark a spreadsheet's "CSV UTF-8" puts first
        }
        // A spreadsheet saves empty columns after the last (a trailing comma): allowed; two columns of one name are not.
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
                .setTrim(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).get();
        try (Reader reader = new StringReader(text); CSVParser parser = open(reader, format, file)) {
            Set<String> header = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            header.addAll(parser.getHeaderNames());
            boolean classroom = header.containsAll(CLASSROOM);
            if (!classroom && !header.containsAll(PLAIN)) {
                throw new IllegalArgumentException("roster " + file + ": its first line names neither GitHub Classroom's columns ("
                        + String.join(",", CLASSROOM) + ") nor a plain roster's (" + String.join(",", PLAIN) + "[,name][,section])");
            }
            List<Student> students = new ArrayList<>();
            Map<String, Integer> keys = new HashMap<>();
            Map<String, Integer> identifiers = new HashMap<>();
            for (CSVRecord record : parser) {
                int line = (int) record.getParser().getCurrentLineNumber();
                Student student = classroom ? classroomLine(record, line, file) : plainLine(record, line, file);
                if (!student.key().isEmpty()) {
                    Integer before = keys.putIfAbsent(student.key().toLowerCase(Locale.ROOT), line);
                    if (before != null) {
                        throw new IllegalArgumentException("roster " + file + ": lines " + before + " and " + line + " are both for "
                                + (classroom ? "GitHub user " : "submission ") + "'" + student.key() + "'");
                    }
                }
                // One identifier for two lines would give one student of the platform two scores, the second winning.
                Integer same = student.identifier().isEmpty() ? null : identifiers.putIfAbsent(student.identifier(), line);
                if (same != null) {
                    throw new IllegalArgumentException("roster " + file + ": lines " + same + " and " + line + " have the same "
                            + (classroom ? "identifier" : "student_id") + " '" + student.identifier() + "'");
                }
                students.add(student);
            }
            if (students.isEmpty()) {
                throw new IllegalArgumentException("roster " + file + " lists no student");
            }
            return new Roster(file, classroom ? "github-classroom" : "plain", List.copyOf(students));
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("roster " + file + " is not a CSV file: " + e.getMessage());
        }
    }

    private static CSVParser open(Reader reader, CSVFormat format, Path file) throws IOException {
        try {
            return CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("roster " + file + ": its first line cannot be a header: " + e.getMessage());
        }
    }

    private static Student classroomLine(CSVRecord record, int line, Path file) {
        String identifier = value(record, "identifier", line, file);
        String user = value(record, "github_username", line, file);
        value(record, "github_id", line, file);
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("roster " + file + ", line " + line + ": no identifier (the id the course"
                    + " knows the student by)");
        }
        return new Student(line, user, identifier, identifier.contains("@") ? identifier : "", text(record, "name"), "");
    }

    private static Student plainLine(CSVRecord record, int line, Path file) {
        String submission = value(record, "submission", line, file);
        String id = value(record, "student_id", line, file);
        String email = value(record, "email", line, file);
        if (submission.isEmpty()) {
            throw new IllegalArgumentException("roster " + file + ", line " + line + ": no submission (the name of the"
                    + " student's folder or archive in the submissions folder)");
        }
        if (id.isEmpty() && email.isEmpty()) {
            throw new IllegalArgumentException("roster " + file + ", line " + line + ": neither a student_id nor an email");
        }
        return new Student(line, submission, id, email, text(record, "name"), text(record, "section"));
    }

    /** An identifying column's value, refused (the whole roster) if a spreadsheet would run it. */
    private static String value(CSVRecord record, String column, int line, Path file) {
        String value = text(record, column);
        Optional<String> unsafe = Csv.unsafeIdentifier(value);
        if (unsafe.isPresent()) {
            throw new IllegalArgumentException("roster " + file + ", line " + line + ": the " + column + " '"
                    + value.replaceAll("\\p{Cntrl}", "?") + "' is refused: " + unsafe.get() + "; correct the roster");
        }
        return value;
    }

    private static String text(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
    }

    /** Which of {@code submissions} (the cohort's names) are whose. */
    public Matching match(List<String> submissions) {
        Map<String, Student> matched = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        for (String submission : submissions) {
            Optional<Student> owner = students.stream().filter(s -> owns(s, submission))
                    .max(java.util.Comparator.comparingInt(s -> s.key().length()));
            if (owner.isPresent()) {
                matched.put(submission, owner.get());
            } else {
                without.add(submission);
            }
        }
        Map<Student, List<String>> byStudent = new LinkedHashMap<>();
        matched.forEach((submission, student) -> byStudent.computeIfAbsent(student, s -> new ArrayList<>()).add(submission));
        Map<String, Student> ambiguous = new LinkedHashMap<>();
        byStudent.forEach((student, theirs) -> {
            if (theirs.size() > 1) {
                theirs.forEach(submission -> ambiguous.put(submission, student));
            }
        });
        ambiguous.keySet().forEach(matched::remove);
        List<Student> unmatched = students.stream().filter(s -> !byStudent.containsKey(s)).toList();
        return new Matching(matched, List.copyOf(without), unmatched, ambiguous);
    }

    private boolean owns(Student student, String submission) {
        if (student.key().isEmpty()) {
            return false;
        }
        if (format.equals("plain")) {
            return submission.equals(student.key());
        }
        String name = submission.toLowerCase(Locale.ROOT);
        String user = student.key().toLowerCase(Locale.ROOT);
        return name.equals(user) || name.endsWith("-" + user);
    }
}
