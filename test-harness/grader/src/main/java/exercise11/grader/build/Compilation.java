package exercise11.grader.build;

import exercise11.grader.build.compiler.CompilerPool;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compile Java sources, keeping the compiler's messages: the kit's own in-process with {@code javax.tools}, a
 * submission's in a warm compiler process with a time and a memory limit, since its source is untrusted (type
 * inference can be made to take minutes and gigabytes), reused from one submission to the next ({@link CompilerPool}).
 */
public final class Compilation {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final int MAX_ERRORS = 20;
    /** The most lines shown under one error: the line of code, the symbol and where it was looked for. */
    private static final int MAX_DETAILS = 3;
    private static final Pattern ERROR_LINE = Pattern.compile("^(?:.*[/\\\\])?([^/\\\\]+\\.java):(\\d+): error: (.*)$");

    private Compilation() {
    }

    /** The outcome of one compilation: whether it succeeded, and the compiler's error messages. */
    public record Result(boolean ok, String errors) {
    }

    /** Compile {@code sources} against {@code classpath} into {@code output}. */
    public static Result compile(List<Path> sources, String classpath, Path output) throws IOException {
        if (JAVAC == null) {
            throw new IllegalStateException("no Java compiler here: run the grader with a JDK, not a JRE");
        }
        Files.createDirectories(output);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-encoding", "UTF-8", "-proc:none", "-nowarn",
                    "-classpath", classpath, "-d", output.toString());
            boolean ok = JAVAC.getTask(new StringWriter(), files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            return new Result(ok, describe(diagnostics.getDiagnostics()));
        }
    }

    /**
     * Compile untrusted {@code sources} against {@code classpath} into {@code output} in one of {@code compilers}'
     * processes, which may run for the pool's limit and use {@link CompilerPool#MAX_COMPILER_MEGABYTES} of heap; a
     * compile that runs out fails with a reason that says so.
     */
    public static Result compileBounded(CompilerPool compilers, List<Path> sources, String classpath, Path output)
            throws IOException {
        Files.createDirectories(output);
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-proc:none", "-nowarn",
                "-Xmaxerrs", Integer.toString(MAX_ERRORS), "-classpath", classpath.isEmpty() ? "." : classpath,
                "-d", output.toString()));
        sources.forEach(source -> arguments.add(source.toString()));
        CompilerPool.Answer answer = compilers.compile(arguments);
        if (answer instanceof CompilerPool.TimedOut) {
            return new Result(false, "compiling took longer than " + compilers.limit().toSeconds() + " s, the grader's limit"
                    + " for a compile (a source that makes javac's type inference search for minutes?)");
        }
        if (answer instanceof CompilerPool.OutOfMemory) {
            return new Result(false, "compiling needed more than the " + CompilerPool.MAX_COMPILER_MEGABYTES
                    + " MB of memory a compile may use");
        }
        if (answer instanceof CompilerPool.Failed failed) {
            return new Result(false, "javac failed: " + failed.why());
        }
        CompilerPool.Ended ended = (CompilerPool.Ended) answer;
        if (ended.code() == 0) {
            return new Result(true, "");
        }
        List<String> lines = ended.lines().subList(0, Math.min(ended.lines().size(), 1_000));
        List<String> errors = new ArrayList<>();
        int shownErrors = 0;
        int details = 0;
        boolean inShownError = false;
        for (String line : lines) {
            Matcher m = ERROR_LINE.matcher(line);
            if (m.matches()) {
                inShownError = shownErrors < MAX_ERRORS;
                if (inShownError) {
                    shownErrors++;
                    details = 0;
                    errors.add(m.group(1) + ":" + m.group(2) + ": " + m.group(3));
                }
            } else if (inShownError && details < MAX_DETAILS && !line.isBlank() && !line.strip().equals("^")
                    && !line.matches("\\d+ errors?")) {
                // what javac says below an error: the line of code, then "symbol:" and "location:"; indented, so that
                // no detail line is taken for an error line
                details++;
                String detail = line.strip();
                errors.add("    " + (detail.length() > 160 ? detail.substring(0, 157) + "..." : detail));
            }
        }
        if (errors.isEmpty()) {
            errors.add("javac failed: " + lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("exit code " + ended.code()));
        }
        return new Result(false, String.join("\n", errors));
    }

    /** List the {@code .java} files under {@code folder}, sorted. */
    public static List<Path> javaFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static String describe(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() == Diagnostic.Kind.ERROR && lines.size() < 20) {
                String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ";
                lines.add(file + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
            }
        }
        return String.join("\n", lines);
    }
}
