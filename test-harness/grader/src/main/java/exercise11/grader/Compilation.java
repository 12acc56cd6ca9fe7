package exercise11.grader;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compile Java sources in-process with {@code javax.tools}, keeping the compiler's messages. */
public final class Compilation {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

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
