package exercise11.grader.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the grader takes from a submission: only what a student writes. The {@code .java} files of package
 * {@code exercise11} ({@code src/main/java/exercise11/*.java}) and the settings file
 * ({@code src/main/resources/settings/udp.properties}); each a regular file (no link, device or pipe) whose real
 * path lies inside the submission, and of a bounded size. Nothing else: no {@code .class}, no {@code META-INF}, no
 * other resource, no other package. What was left out is listed, for the student's feedback.
 */
public final class Intake {

    /** The largest source file taken; the solution's largest is about 6 KB. */
    static final long MAX_SOURCE_BYTES = 64 * 1024;
    /** The largest settings file taken. */
    static final long MAX_SETTINGS_BYTES = 4 * 1024;
    private static final String SOURCES = "src/main/java/exercise11";
    private static final String SETTINGS = "src/main/resources/settings/udp.properties";

    /** The files taken, copied into a module folder of the grader's own, and what was left out, with why. */
    public record Taken(Path module, List<String> refused) {
    }

    private Intake() {
    }

    /** Copy what may be taken from the submission's {@code module} into {@code into}, a new module folder. */
    public static Taken take(Path module, Path into) throws IOException {
        Path root = module.toRealPath();
        List<String> refused = new ArrayList<>();
        Path sources = Files.createDirectories(into.resolve(SOURCES));
        try (Stream<Path> all = Files.walk(module)) { // does not follow links
            for (Path path : all.sorted().toList()) {
                String relative = module.relativize(path).toString().replace('\\', '/');
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isDirectory() || relative.isEmpty() || relative.startsWith("target/") || relative.contains("/.git/")
                        || relative.startsWith(".git/") || relative.equals(".git")) {
                    continue;
                }
                boolean source = relative.startsWith(SOURCES + "/") && relative.indexOf('/', SOURCES.length() + 1) < 0
                        && relative.endsWith(".java");
                boolean settings = relative.equals(SETTINGS);
                if (!source && !settings) {
                    if (relative.startsWith("src/main/")) {
                        refused.add(relative + " (only the .java files of package exercise11 and " + SETTINGS + " are graded)");
                    }
                    continue;
                }
                if (!attributes.isRegularFile()) {
                    refused.add(relative + " (" + (attributes.isSymbolicLink() ? "a link" : "not a regular file") + ")");
                    continue;
                }
                if (!path.toRealPath().equals(root.resolve(relative))) {
                    refused.add(relative + " (it lies outside your submission, through a link)");
                    continue;
                }
                long limit = source ? MAX_SOURCE_BYTES : MAX_SETTINGS_BYTES;
                if (attributes.size() > limit) {
                    refused.add(relative + " (" + attributes.size() / 1024 + " KB; at most " + limit / 1024 + " KB are taken)");
                    continue;
                }
                Path target = source ? sources.resolve(path.getFileName().toString()) : into.resolve(SETTINGS);
                Files.createDirectories(target.getParent());
                Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            }
        }
        return new Taken(into, List.copyOf(refused));
    }
}
