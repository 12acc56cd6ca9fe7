package exercise11.grader.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A git submission checked out into a folder of the grader's own: at its last commit, or, under a deadline, at its
 * last commit whose committer date is at or before it. Every git command after the clone runs in that clone, whose
 * configuration is git's default (a student's {@code .git/config} is never read by a command of the grader's).
 */
final class GitCheckout {

    /** The most commits read from a repository's history. */
    static final int MAX_COMMITS = 100_000;
    private static final long GIT_SECONDS = 60;

    /**
     * What was checked out.
     *
     * @param graded the commit graded, with its committer date, or empty if none
     * @param late the commits after the deadline (how many, the newest's date), or empty if none
     * @param notGraded why no commit could be graded, if none could
     */
    record Checkout(String graded, String late, Optional<String> notGraded) {
    }

    private GitCheckout() {
    }

    /** Check out {@code repository} into the new folder {@code target}; {@code scratch} holds git's output. */
    static Checkout checkout(Path repository, Path target, Optional<OffsetDateTime> deadline, Path scratch) throws IOException {
        List<String> clone = new ArrayList<>(List.of("git", "clone", "--quiet"));
        clone.addAll(deadline.isPresent() ? List.of("--no-checkout") : List.of("--depth", "1"));
        clone.addAll(List.of(repository.toUri().toString(), target.toString()));
        run(clone, scratch, "git could not clone " + repository.getFileName() + " (is it a repository with a commit?)");
        List<Commit> commits = history(target, scratch, deadline.isPresent() ? MAX_COMMITS : 1);
        if (commits.isEmpty()) {
            throw new IOException("the git repository " + repository.getFileName() + " has no commit");
        }
        if (deadline.isEmpty()) {
            return new Checkout(commits.get(0).describe(), "", Optional.empty());
        }
        long due = deadline.get().toEpochSecond();
        Commit graded = null;
        Commit newestLate = null;
        int late = 0;
        for (Commit c : commits) {
            if (c.seconds() <= due) {
                graded = graded == null || c.seconds() > graded.seconds() ? c : graded;
            } else {
                late++;
                newestLate = newestLate == null || c.seconds() > newestLate.seconds() ? c : newestLate;
            }
        }
        String lateText = late == 0 ? "" : late + (late == 1 ? " commit" : " commits") + " after the deadline ("
                + Submission.shown(deadline.get()) + "), not graded; the newest committed " + newestLate.date();
        if (graded == null) {
            return new Checkout("", lateText, Optional.of("no commit at or before the deadline (" + Submission.shown(deadline.get())
                    + "): every commit of the repository is later"));
        }
        run(List.of("git", "-C", target.toString(), "-c", "advice.detachedHead=false", "checkout", "--quiet", graded.hash()),
                scratch, "git could not check out commit " + graded.hash());
        return new Checkout(graded.describe(), lateText, Optional.empty());
    }

    /** A commit: its hash, committer time in seconds, and committer date as git writes it (ISO 8601). */
    private record Commit(String hash, long seconds, String date) {

        String describe() {
            return "commit " + hash + ", committed " + date;
        }
    }

    private static List<Commit> history(Path clone, Path scratch, int max) throws IOException {
        String log = run(List.of("git", "-C", clone.toString(), "log", "--no-show-signature", "-n", Integer.toString(max),
                "--format=%H %ct %cI", "HEAD"), scratch, "git could not read the repository's history (has it a commit?)");
        List<Commit> commits = new ArrayList<>();
        for (String line : log.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 3 && f[0].matches("[0-9a-f]{40,64}") && f[1].matches("-?\\d{1,19}")) {
                commits.add(new Commit(f[0], Long.parseLong(f[1]), f[2]));
            }
        }
        return commits;
    }

    /** Run git, bounded in time; return what it printed (at most 16 MB), or throw {@code failure} if it failed. */
    private static String run(List<String> command, Path scratch, String failure) throws IOException {
        Files.createDirectories(scratch);
        Path output = Files.createTempFile(scratch, "git", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_PAGER", "cat");
        Process git = builder.start();
        try {
            if (!git.waitFor(GIT_SECONDS, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                throw new IOException(failure);
            }
            try (InputStream in = Files.newInputStream(output)) {
                return new String(in.readNBytes(16 << 20), StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
