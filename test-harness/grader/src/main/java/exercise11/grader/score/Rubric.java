package exercise11.grader.score;

import exercise11.grader.result.CheckResult;
import exercise11.harness.Blame;
import exercise11.harness.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points and visibility per check, read from {@code test-harness/rubric.txt}.
 *
 * <p>Each line is {@code <key> <points> [hidden]}, where the key is a check class ({@code UdpServerTests}), a nested
 * class ({@code UdpServerTests.Receive}) or one check ({@code UdpServerTests.Receive#receivesAnEmptyDatagram}). A
 * check takes its points from the most specific key that matches it; the points of a key are shared equally among
 * the checks it takes. {@code #} starts a comment.
 *
 * <p>One more line may say what a check costs that was not run because a check it needs failed: {@code @not-run costs}
 * (the default: it earns nothing, and its points are charged to the TODO at fault) or {@code @not-run free} (it costs
 * nothing: one bug costs only the points of the checks that found it).
 */
public final class Rubric {

    /** One line of the rubric. */
    public record Entry(String key, double points, boolean hidden) {
    }

    /** The line that sets what a check not run for a failed needed check costs. */
    public static final String NOT_RUN_DIRECTIVE = "@not-run";

    private final Map<String, Entry> entries;
    private final boolean notRunFree;
    /** The SHA-256 of the rubric's text (of the file's bytes, for a file), in hex: which rubric scored a result. */
    private final String sha256;

    private Rubric(Map<String, Entry> entries, boolean notRunFree, String sha256) {
        this.entries = entries;
        this.notRunFree = notRunFree;
        this.sha256 = sha256;
    }

    /** Whether a check not run because a check it needs failed costs nothing ({@code @not-run free}). */
    public boolean notRunFree() {
        return notRunFree;
    }

    /** Read a rubric file; a malformed line is reported with its number. */
    public static Rubric read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Rubric parsed = parse(new String(bytes, StandardCharsets.UTF_8).lines().toList(), file.toString());
            return new Rubric(parsed.entries, parsed.notRunFree, sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rubric " + file, e);
        }
    }

    /** The SHA-256, in hex, of the rubric's file ({@code sha256sum FILE} prints the same). */
    public String sha256() {
        return sha256;
    }

    /** The SHA-256 of {@code bytes}, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * The keys of the lines that name no check of {@code checks} (each a check's {@link CheckResult#key()}, such as
     * {@code UdpServerTests.Receive#returnsShortDatagramsWhole}), nor its class or a class it is nested in: a typo,
     * or a check that does not exist.
     */
    public List<String> keysNamingNoCheck(Collection<String> checks) {
        java.util.Set<String> named = new java.util.HashSet<>();
        for (String check : checks) {
            named.add(check);
            for (String name = check.substring(0, check.indexOf('#') < 0 ? check.length() : check.indexOf('#')); ;
                    name = name.substring(0, name.lastIndexOf('.'))) {
                named.add(name);
                if (name.indexOf('.') < 0) {
                    break;
                }
            }
        }
        return entries.keySet().stream().filter(key -> !named.contains(key)).toList();
    }

    /** Parse rubric lines; {@code origin} names them in error messages. */
    public static Rubric parse(List<String> lines, String origin) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Boolean notRunFree = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#(?![A-Za-z_$]).*$", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            try {
                if (words[0].equals(NOT_RUN_DIRECTIVE)) {
                    if (words.length != 2 || !(words[1].equals("costs") || words[1].equals("free"))) {
                        throw new IllegalArgumentException("expected '" + NOT_RUN_DIRECTIVE + " costs' or '" + NOT_RUN_DIRECTIVE + " free'");
                    }
                    if (notRunFree != null) {
                        throw new IllegalArgumentException(NOT_RUN_DIRECTIVE + " appears twice");
                    }
                    notRunFree = words[1].equals("free");
                    continue;
                }
                if (words.length < 2 || words.length > 3 || (words.length == 3 && !words[2].equals("hidden"))) {
                    throw new IllegalArgumentException("expected '<check> <points> [hidden]'");
                }
                double points;
                try {
                    points = Double.parseDouble(words[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the points must be a number, not '" + words[1] + "'");
                }
                if (points < 0) {
                    throw new IllegalArgumentException("points must not be negative");
                }
                if (entries.put(words[0], new Entry(words[0], points, words.length == 3)) != null) {
                    throw new IllegalArgumentException(words[0] + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ":" + (i + 1) + ": " + e.getMessage() + ": " + lines.get(i), e);
            }
        }
        return new Rubric(entries, Boolean.TRUE.equals(notRunFree), sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    /** Return the entry that gives {@code check} its points: its own, its nested class's, or its class's. */
    public Optional<Entry> entryFor(CheckResult check) {
        String className = check.simpleClassName();
        Optional<Entry> own = Optional.ofNullable(entries.get(className + "#" + check.method()));
        if (own.isPresent()) {
            return own;
        }
        for (String name = className; ; name = name.substring(0, name.lastIndexOf('.'))) {
            Entry entry = entries.get(name);
            if (entry != null) {
                return Optional.of(entry);
            }
            if (name.indexOf('.') < 0) {
                return Optional.empty();
            }
        }
    }

    /** Return every entry, in file order. */
    public Collection<Entry> entries() {
        return entries.values();
    }

    /** Return the most a submission can score: the sum of every entry's points. */
    public double maxScore() {
        return entries.values().stream().mapToDouble(Entry::points).sum();
    }

    /**
     * Score {@code checks}, the results of one run: each entry's points shared among its checks, earned by those that
     * passed, and under {@code @not-run free} by those not run because a check they need failed.
     */
    public List<Scored> score(List<CheckResult> checks) {
        List<Blame.Charge> charges = Blame.charges(checks.stream().map(CheckResult::forBlame).toList());
        Map<Entry, Integer> shares = new LinkedHashMap<>();
        for (CheckResult check : checks) {
            entryFor(check).ifPresent(entry -> shares.merge(entry, 1, Integer::sum));
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            CheckResult check = checks.get(i);
            Optional<Entry> entry = entryFor(check);
            double max = entry.map(e -> e.points() / shares.get(e)).orElse(0.0);
            boolean free = notRunFree && check.status() == Outcome.NOT_RUN && charges.get(i).cause().isPresent();
            double earned = check.status() == Outcome.PASSED || free ? max : 0.0;
            scored.add(new Scored(check, earned, max, entry.map(Entry::hidden).orElse(false)));
        }
        return scored;
    }

    /** A check with its points. */
    public record Scored(CheckResult check, double earned, double max, boolean hidden) {
    }
}
