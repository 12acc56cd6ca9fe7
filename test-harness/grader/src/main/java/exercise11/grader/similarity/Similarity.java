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
    /**
     * How many of each student's most similar pairs are kept: every pair that is among the {@value} highest of either
     * of its students. So the list grows with the cohort, not with its square (at most this many pairs per student).
     */
    public static final int KEPT_PER_STUDENT = 5;
    /** The shortest run of tokens JPlag counts as a match: its own default for Java (5, 7 and 12 did no better here). */
    public static final int MINIMUM_TOKEN_MATCH = 9;
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
     * What the stage found: the pairs kept (each student's {@value #KEPT_PER_STUDENT} most similar), most similar
     * first; each compared student's highest similarity; the students left out, with why; how many pairs were compared,
     * and how many of them reached each whole percent of similarity ({@code atLeast[p]}: pairs at {@code p} % or more).
     */
    public record Comparison(List<Pair> pairs, Map<String, Double> highest, Map<String, String> notCompared, long pairsCompared,
                             long[] atLeast, double seconds, String note) {

        /** How many of all the pairs compared reach {@code share} (0 to 1, read in whole percents). */
        public long pairsAtLeast(double share) {
            int percent = (int) Math.ceil(Math.round(share * 1e6) / 1e4);
            return percent <= 0 ? pairsCompared : percent > 100 ? 0 : atLeast[percent];
        }
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
        Path code = studentFolder.resolve(CODE);
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
        Path base = scratch.resolve("base");
        if (!stage(baseCode, base, Path.of("/nonexistent"))) {
            throw new IllegalStateException("the starter's code is missing from " + baseCode);
        }
        for (String folder : folders) {
            Path code = students.resolve(folder).resolve(CODE);
            if (!Files.isDirectory(code, LinkOption.NOFOLLOW_LINKS)) {
                notCompared.put(folder, "no Java code was kept (not graded, or no .java file)");
            } else if (!stage(code, root.resolve(folder), baseCode)) {
                notCompared.put(folder, "nothing but the starter's code, unchanged");
            } else {
                staged.add(folder);
            }
        }
        if (staged.size() < 2) {
            return new Comparison(List.of(), Map.of(), notCompared, 0, new long[101], seconds(start),
                    "fewer than two submissions with code of their own: nothing to compare");
        }
        // JPlag logs through SLF4J: the grader shows what matters itself.
        System.setProperty("org.slf4j.simpleLogger.log.de.jplag", "off");
        JPlagOptions options = new JPlagOptions(new de.jplag.java.Language(), Set.of(root.toFile()), Set.of())
                .withBaseCodeSubmissionDirectory(base.toFile()).withMaximumNumberOfComparisons(-1)
                .withMinimumTokenMatch(MINIMUM_TOKEN_MATCH);
        JPlagResult result;
        try {
            result = new JPlag(options).run();
        } catch (ExitException e) {
            return new Comparison(List.of(), Map.of(), notCompared, 0, new long[101], seconds(start),
                    "JPlag compared nothing: " + e.getMessage());
        }
        for (Submission invalid : result.getSubmissions().getInvalidSubmissions()) {
            notCompared.put(invalid.getName(), invalid.hasErrors() ? "its code does not parse as Java" : "too little code to compare");
        }
        Map<String, Double> highest = new TreeMap<>();
        Map<String, java.util.PriorityQueue<JPlagComparison>> top = new LinkedHashMap<>();
        long[] atLeast = new long[101];
        for (JPlagComparison c : result.getAllComparisons()) {
            int percent = (int) Math.min(100, Math.floor(Math.round(c.similarity() * 1e6) / 1e4));
            for (int p = 0; p <= percent; p++) {
                atLeast[p]++;
            }
            for (Submission s : List.of(c.firstSubmission(), c.secondSubmission())) {
                highest.merge(s.getName(), c.similarity(), Math::max);
                java.util.PriorityQueue<JPlagComparison> mine = top.computeIfAbsent(s.getName(),
                        k -> new java.util.PriorityQueue<>(Comparator.comparingDouble(JPlagComparison::similarity)));
                mine.add(c);
                if (mine.size() > KEPT_PER_STUDENT) {
                    mine.poll();
                }
            }
        }
        for (Submission s : result.getSubmissions().getSubmissions()) {
            highest.putIfAbsent(s.getName(), 0.0);
        }
        java.util.Set<JPlagComparison> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        top.values().forEach(kept::addAll);
        List<Pair> pairs = new ArrayList<>();
        for (JPlagComparison c : kept) {
            pairs.add(pair(c, root));
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed().thenComparing(Pair::a).thenComparing(Pair::b));
        return new Comparison(List.copyOf(pairs), highest, notCompared, result.getAllComparisons().size(), atLeast, seconds(start), "");
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

    /**
     * Copy the {@code .java} files under {@code from} into {@code to}, but for those the same, byte for byte, as the
     * starter's file at the same place under {@code starter} (all base code: they could only cost time); whether
     * there was one to copy.
     */
    private static boolean stage(Path from, Path to, Path starter) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        boolean any = false;
        try (Stream<Path> all = Files.walk(from)) {
            for (Path file : all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && p.getFileName().toString().endsWith(".java")).sorted().toList()) {
                Path given = starter.resolve(from.relativize(file).toString());
                if (Files.isRegularFile(given) && Files.mismatch(given, file) == -1) {
                    continue;
                }
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
