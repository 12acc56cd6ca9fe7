package exercise11.grader.similarity;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.Submission;
import de.jplag.Token;
import de.jplag.exceptions.ExitException;
import de.jplag.options.JPlagOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The grader's similarity stage: which submissions of a cohort share code of the students' own. JPlag does the
 * matching (token strings of the Java parse, so renamed names, moved methods, comments and whitespace do not hide a
 * copy); the starter's given code is JPlag's <em>base code</em>, so what every submission holds never makes two
 * students look alike. This class only feeds JPlag and reads back what it found; the report stage shows it.
 */
public final class Similarity {

    /** The folder, in a student's output folder, that keeps the sources the grader took from the submission. */
    public static final String CODE = "code";
    /** Pairs below this share of code are left out of the comparison's list (every student's highest is kept). */
    public static final double FLOOR = 0.5;
    private static final long MAX_FILE_BYTES = 256 * 1024;
    private static final int MAX_FILES = 64;

    private Similarity() {
    }

    /** One matched region: lines {@code fromA..toA} of {@code fileA} are lines {@code fromB..toB} of {@code fileB}. */
    public record Region(String fileA, int fromA, int toA, String fileB, int fromB, int toB, int tokens) {
    }

    /** Two students, how much of their own code they share (JPlag's mean and maximum similarity), and where. */
    public record Pair(String a, String b, double similarity, double maxSimilarity, int matchedTokens, List<Region> regions) {
    }

    /**
     * What the stage found: the pairs at or above {@link #FLOOR} and each student's highest pair, most similar first;
     * each compared student's highest similarity; the students left out, with why; how many pairs were compared.
     */
    public record Comparison(List<Pair> pairs, Map<String, Double> highest, Map<String, String> notCompared, long pairsCompared,
                             double seconds, String note) {
    }

    /**
     * Keep the Java sources the grader took from a submission ({@code sources}, its {@code src/main/java}) in
     * {@code studentFolder}/{@value #CODE}, for the similarity stage, a regrade's cohort files and a merge of shards.
     * Only regular files ending in {@code .java}, of bounded size and number, are kept.
     */
    public static void keep(Path sources, Path studentFolder) throws IOException {
        if (!Files.isDirectory(sources, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path code = Files.createDirectories(studentFolder.resolve(CODE));
        List<Path> files;
        try (Stream<Path> all = Files.walk(sources)) {
            files = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && p.getFileName().toString().endsWith(".java"))
                    .sorted().limit(MAX_FILES).toList();
        }
        for (Path file : files) {
            if (Files.size(file) <= MAX_FILE_BYTES) {
                Path to = code.resolve(sources.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
    }

    /**
     * Compare the code kept in each of {@code folders} (student folders under {@code students}) with every other,
     * leaving out what {@code baseCode} (the starter's {@code src/main/java}) holds, working in {@code scratch}.
     */
    public static Comparison compare(Path students, List<String> folders, Path baseCode, Path scratch) throws IOException {
        long start = System.nanoTime();
        Map<String, String> notCompared = new TreeMap<>();
        Path root = Files.createDirectories(scratch.resolve("cohort"));
        List<String> staged = new ArrayList<>();
        for (String folder : folders) {
            Path code = students.resolve(folder).resolve(CODE);
            if (!stage(code, root.resolve(folder))) {
                notCompared.put(folder, "no Java code of its own was kept (not graded, or no .java file)");
            } else {
                staged.add(folder);
            }
        }
        Path base = scratch.resolve("base");
        if (!stage(baseCode, base)) {
            throw new IllegalStateException("the starter's code is missing from " + baseCode);
        }
        if (staged.size() < 2) {
            return new Comparison(List.of(), Map.of(), notCompared, 0, seconds(start),
                    "fewer than two submissions with code of their own: nothing to compare");
        }
        // JPlag logs through SLF4J: the grader shows what matters itself.
        System.setProperty("org.slf4j.simpleLogger.log.de.jplag", "off");
        JPlagOptions options = new JPlagOptions(new de.jplag.java.Language(), Set.of(root.toFile()), Set.of())
                .withBaseCodeSubmissionDirectory(base.toFile()).withMaximumNumberOfComparisons(-1);
        JPlagResult result;
        try {
            result = new JPlag(options).run();
        } catch (ExitException e) {
            return new Comparison(List.of(), Map.of(), notCompared, 0, seconds(start), "JPlag compared nothing: " + e.getMessage());
        }
        for (Submission invalid : result.getSubmissions().getInvalidSubmissions()) {
            notCompared.put(invalid.getName(), invalid.hasErrors() ? "its code does not parse as Java" : "too little code to compare");
        }
        Map<String, Double> highest = new TreeMap<>();
        Map<String, JPlagComparison> best = new LinkedHashMap<>();
        for (JPlagComparison c : result.getAllComparisons()) {
            for (Submission s : List.of(c.firstSubmission(), c.secondSubmission())) {
                if (highest.getOrDefault(s.getName(), -1.0) < c.similarity()) {
                    highest.put(s.getName(), c.similarity());
                    best.put(s.getName(), c);
                }
            }
        }
        for (Submission s : result.getSubmissions().getSubmissions()) {
            highest.putIfAbsent(s.getName(), 0.0);
        }
        List<Pair> pairs = new ArrayList<>();
        for (JPlagComparison c : result.getAllComparisons()) {
            if (c.similarity() >= FLOOR || best.containsValue(c)) {
                pairs.add(pair(c, root));
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed().thenComparing(Pair::a).thenComparing(Pair::b));
        return new Comparison(List.copyOf(pairs), highest, notCompared, result.getAllComparisons().size(), seconds(start), "");
    }

    /** The pair of {@code c}, its students in name order, with the lines each match covers in each. */
    private static Pair pair(JPlagComparison c, Path root) {
        boolean swap = c.firstSubmission().getName().compareTo(c.secondSubmission().getName()) > 0;
        Submission a = swap ? c.secondSubmission() : c.firstSubmission();
        Submission b = swap ? c.firstSubmission() : c.secondSubmission();
        List<Region> regions = new ArrayList<>();
        for (de.jplag.Match m : c.matches()) {
            int startA = swap ? m.startOfSecond() : m.startOfFirst();
            int startB = swap ? m.startOfFirst() : m.startOfSecond();
            Span inA = span(a.getTokenList(), startA, m.length(), root.resolve(a.getName()));
            Span inB = span(b.getTokenList(), startB, m.length(), root.resolve(b.getName()));
            regions.add(new Region(inA.file(), inA.from(), inA.to(), inB.file(), inB.from(), inB.to(), m.length()));
        }
        regions.sort(Comparator.comparing(Region::fileA).thenComparingInt(Region::fromA));
        return new Pair(a.getName(), b.getName(), c.similarity(), c.maximalSimilarity(), c.getNumberOfMatchedTokens(), regions);
    }

    private record Span(String file, int from, int to) {
    }

    private static Span span(List<Token> tokens, int start, int length, Path submission) {
        Token first = tokens.get(start);
        int from = first.getLine();
        int to = from;
        for (int i = start; i < start + length && i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getFile().equals(first.getFile()) && t.getLine() > 0) {
                from = Math.min(from, t.getLine());
                to = Math.max(to, t.getLine());
            }
        }
        return new Span(relative(submission, first.getFile()), from, to);
    }

    private static String relative(Path submission, File file) {
        Path path = file.toPath().toAbsolutePath().normalize();
        Path base = submission.toAbsolutePath().normalize();
        return (path.startsWith(base) ? base.relativize(path) : path.getFileName()).toString().replace('\\', '/');
    }

    /** Copy the {@code .java} files under {@code from} into {@code to}; whether there was one. */
    private static boolean stage(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        boolean any = false;
        try (Stream<Path> all = Files.walk(from)) {
            for (Path file : all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && p.getFileName().toString().endsWith(".java")).sorted().toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
                any = true;
            }
        }
        return any;
    }

    /** The lines of {@code file} in a student's kept code, for showing them; empty when it cannot be read. */
    public static List<String> lines(Path students, String folder, String file) {
        Path path = students.resolve(folder).resolve(CODE).resolve(file).normalize();
        if (!path.startsWith(students.resolve(folder).resolve(CODE)) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
