package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import exercise11.grader.report.Figures;
import exercise11.grader.result.CheckResult;
import exercise11.grader.score.Rubric;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Realistic wrong submissions, each the solution with one mistake a student makes, graded as one cohort by the
 * grader. Each must be caught by the check named for it, with a failure message that points at the mistake.
 */
@DisplayName("Known-bad submissions")
class KnownBadSubmissionsTests {

    /**
     * A wrong submission and the checks that must catch it.
     *
     * @param where empty when the submission is wrong everywhere; else where it is wrong, in words
     * @param wrongHere whether it is wrong on this JDK
     */
    record Mistake(String name, Variant variant, List<Catch> catches, String where, BooleanSupplier wrongHere) {

        String described() {
            return where.isEmpty() ? name : name + " (" + where + ")";
        }
    }

    /** A check that must end FAILED or ERROR with a message containing {@code says}. */
    record Catch(String check, String says) {
    }

    /** Every known-bad fixture (kit-selfcheck/fixtures/known-bad), each the solution with one mistake. */
    static final List<Mistake> MISTAKES = Fixtures.of("known-bad").stream().map(KnownBadSubmissionsTests::mistake).toList();

    private static Cohorts.Graded graded;

    @BeforeAll
    static void gradeEveryMistakeAsOneCohort() throws Exception {
        Set<String> names = new HashSet<>();
        MISTAKES.forEach(m -> assertTrue(names.add(m.variant().name()), "two fixtures are called " + m.variant().name()));
        graded = Cohorts.grade("known-bad", MISTAKES.stream().map(Mistake::variant).toList());
    }

    @TestFactory
    @DisplayName("each mistake is caught by the check named for it, whose message points at the mistake")
    Stream<DynamicTest> eachMistakeIsCaughtByItsCheck() {
        return MISTAKES.stream().flatMap(mistake -> mistake.catches().stream().map(c ->
                dynamicTest("'" + mistake.name() + "' is caught by " + c.check(), () -> {
                    assumeTrue(mistake.wrongHere().getAsBoolean(), () -> "not a mistake on this JDK, only " + mistake.where());
                    assertCaught(mistake, c);
                })));
    }

    @TestFactory
    @DisplayName("each mistake costs points")
    Stream<DynamicTest> eachMistakeCostsPoints() {
        double max = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt")).maxScore();
        return MISTAKES.stream().map(mistake -> dynamicTest("'" + mistake.name() + "' scores less than " + max, () -> {
            assumeTrue(mistake.wrongHere().getAsBoolean(), () -> "not a mistake on this JDK, only " + mistake.where());
            StudentResult result = graded.of(mistake.variant().name());
            assertEquals(Status.GRADED, result.status(), () -> "'" + mistake.name() + "' was not graded: " + result.reason());
            assertTrue(result.score() < max, () -> "'" + mistake.name() + "' scored " + result.score() + " of " + max);
        }));
    }

    @TestFactory
    @DisplayName("each mistake's lost points are charged to the TODOs it is wrong in, and to no other")
    Stream<DynamicTest> eachMistakeIsChargedToItsTodos() {
        Pattern wrongIn = Pattern.compile("^bad-todo-((?:\\d-)+)");
        return MISTAKES.stream().filter(m -> wrongIn.matcher(m.variant().name()).find()).map(mistake ->
                dynamicTest("'" + mistake.name() + "' costs points only under its TODOs", () -> {
                    assumeTrue(mistake.wrongHere().getAsBoolean(), () -> "not a mistake on this JDK, only " + mistake.where());
                    Matcher m = wrongIn.matcher(mistake.variant().name());
                    assertTrue(m.find());
                    Set<Integer> wrong = new TreeSet<>();
                    for (String n : m.group(1).split("-")) {
                        wrong.add(Integer.parseInt(n));
                    }
                    StudentResult result = graded.of(mistake.variant().name());
                    Map<Integer, Figures.Points> perTodo = Figures.perTodo(result, Figures.todos(List.of(result)));
                    Map<Integer, Double> elsewhere = new TreeMap<>();
                    perTodo.forEach((todo, p) -> {
                        if (!wrong.contains(todo) && !p.done()) {
                            elsewhere.put(todo, p.lost());
                        }
                    });
                    assertEquals(Map.of(), elsewhere, () -> "'" + mistake.name() + "' is wrong in TODO " + wrong
                            + " only, but points were charged to other TODOs (TODO=points): " + elsewhere + "; failed: " + failed(result));
                    assertTrue(wrong.stream().anyMatch(t -> perTodo.containsKey(t) && !perTodo.get(t).done()),
                            () -> "'" + mistake.name() + "' lost no points under TODO " + wrong + ": " + perTodo);
                }));
    }

    @Test
    @DisplayName("every known-bad feedback reads: no line of thousands of characters, no run of escaped NULs")
    void feedbackStaysReadable() throws IOException {
        Pattern escapeRun = Pattern.compile("(\\\\u[0-9a-f]{4}){8}");
        for (Mistake mistake : MISTAKES) {
            String feedback = java.nio.file.Files.readString(graded.out().resolve("students").resolve(mistake.variant().name())
                    .resolve("feedback.md"));
            Optional<String> longest = feedback.lines().max(java.util.Comparator.comparingInt(String::length));
            assertTrue(longest.orElse("").length() <= 600, () -> "'" + mistake.name() + "': a feedback line of "
                    + longest.get().length() + " characters: " + longest.get().substring(0, 200));
            assertTrue(!escapeRun.matcher(feedback).find(), () -> "'" + mistake.name() + "': a run of escapes in its feedback");
        }
    }

    @Test
    @DisplayName("docs/checks.md lists every known-bad submission with the check that catches it")
    void theDesignDocumentListsTheFixtures() throws Exception {
        FixtureTable.requireDocumented("known-bad", table());
    }

    /** The Markdown table of the mistakes, a row for each check that must catch one. */
    static String table() {
        List<List<String>> rows = new ArrayList<>();
        for (Mistake mistake : MISTAKES) {
            for (Catch c : mistake.catches()) {
                rows.add(List.of(mistake.described(), "`" + c.check() + "`", "`" + c.says() + "`"));
            }
        }
        return FixtureTable.table(List.of("mistake", "caught by", "whose message says"), rows);
    }

    private static void assertCaught(Mistake mistake, Catch expected) {
        StudentResult result = graded.of(mistake.variant().name());
        String who = "'" + mistake.name() + "'";
        assertEquals(Status.GRADED, result.status(), () -> who + " was not graded (is the fixture valid Java?): " + result.reason());
        Optional<CheckResult> check = result.checks().stream().map(Rubric.Scored::check)
                .filter(c -> c.key().equals(expected.check())).findFirst();
        assertTrue(check.isPresent(), () -> who + ": the grader reported no check " + expected.check() + "; it reported "
                + result.checks().stream().map(s -> s.check().key()).toList());
        CheckResult found = check.get();
        assertTrue(found.status() == Outcome.FAILED || found.status() == Outcome.ERROR, () -> who + " was not caught by "
                + expected.check() + ": it ended " + found.status() + (found.message().isEmpty() ? "" : " (" + found.message() + ")")
                + ". Checks that did fail: " + failed(result));
        assertTrue(found.message().contains(expected.says()), () -> who + " was caught by " + expected.check()
                + ", but its message does not say '" + expected.says() + "'; it says:\n" + found.message());
    }

    private static List<String> failed(StudentResult result) {
        return result.checks().stream().map(Rubric.Scored::check)
                .filter(c -> c.status() == Outcome.FAILED || c.status() == Outcome.ERROR).map(CheckResult::key).toList();
    }

    /** The mistake a fixture folder describes: {@code name:}, {@code caught-by: CHECK | WORDS}, optionally {@code only-on:}. */
    private static Mistake mistake(Fixtures.Fixture fixture) {
        List<Catch> catches = fixture.all("caught-by").stream().map(line -> {
            String[] parts = line.split(" \\| ", 2);
            if (parts.length != 2) {
                throw new IllegalStateException(fixture.folder() + ": 'caught-by: CHECK | WORDS' expected, got " + line);
            }
            return new Catch(parts[0], parts[1]);
        }).toList();
        if (catches.isEmpty()) {
            throw new IllegalStateException(fixture.folder() + ": a known-bad fixture must name the check that catches it");
        }
        String where = fixture.all("only-where").stream().findFirst().orElse("");
        BooleanSupplier wrongHere = switch (fixture.all("only-on").stream().findFirst().orElse("")) {
            case "" -> () -> true;
            case "connected-socket-drops-empty-datagrams" -> KnownBadSubmissionsTests::connectedSocketsDropEmptyDatagrams;
            default -> throw new IllegalStateException(fixture.folder() + ": unknown only-on " + fixture.all("only-on"));
        };
        return new Mistake(fixture.one("name"), fixture.variant("bad-"), catches, where, wrongHere);
    }

    /** Tell whether this JDK's connected DatagramSocket sends nothing for an empty packet (JDK 17's NIO-based one does). */
    static boolean connectedSocketsDropEmptyDatagrams() {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket()) {
            receiver.setSoTimeout(1_000);
            sender.connect(receiver.getLocalSocketAddress());
            sender.send(new DatagramPacket(new byte[0], 0));
            receiver.receive(new DatagramPacket(new byte[1], 1));
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
