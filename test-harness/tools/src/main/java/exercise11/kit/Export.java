package exercise11.kit;

import exercise11.kit.offline.OfflineRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/export student DIR}: a repository to hand to students, made from the kit.
 *
 * <p>It holds the starter's code, the visible checks and the support they run on (as sources, in {@code src/test}),
 * a plain Maven build with no parent and nothing to install first, a README, the student guide with its diagrams,
 * and a workflow for GitHub Classroom; the cross-host tier sits apart in {@code cross-host/}, compiled only with
 * {@code -Pcross-host}. It holds nothing of the solution, the hidden checks, the grader or the kit's own tests, and
 * its history is one commit.
 */
public final class Export {

    /** What picocli reads from the command line: which export, and where it goes. */
    @Command(name = "export", synopsisHeading = "", usageHelpWidth = 120, sortOptions = false,
            customSynopsis = {
                "usage: export student DIR            write a repository for students into DIR (a new or empty folder)",
                "       export student DIR --offline  the same, carrying what its build needs for a lab with no network",
                "       export gradescope OUT.zip      write Gradescope's autograder zip (setup.sh, run_autograder, the grader)",
                "       export --help"},
            commandListHeading = "exports:%n")
    static final class Line {
        @Option(names = {"--help", "-h"}, usageHelp = true, description = "print this text")
        boolean help;

        @Command(name = "student", description = "a repository for students (GitHub Classroom template)")
        void student(@Parameters(paramLabel = "DIR", description = "a new or empty folder") Path dir,
                     @Option(names = "--offline", description = "carry every library and plugin the build needs, for labs"
                             + " with no network (fetched once from Maven Central, tens of MB)") boolean offline) {
            // picocli reads the arguments only; run() does the export
        }

        @Command(name = "gradescope", description = "Gradescope's autograder zip")
        void gradescope(@Parameters(paramLabel = "OUT.zip", description = "the zip to write") Path zip) {
            // picocli reads the arguments only; run() does the export
        }
    }

    /** Where a student repository's files come from, under the kit's root: kit path, then path in the export. */
    private static final Map<String, String> STUDENT_TREES = new LinkedHashMap<>();

    static {
        STUDENT_TREES.put("exercise-11-starter/src/main", "src/main");
        STUDENT_TREES.put("test-harness/checks/java", "src/test/java");
        STUDENT_TREES.put("test-harness/checks/resources", "src/test/resources");
        STUDENT_TREES.put("test-harness/support/src/main/java", "src/test/java");
        STUDENT_TREES.put("test-harness/support/src/main/resources", "src/test/resources");
        STUDENT_TREES.put("test-harness/cross-host/src/main/java", "cross-host/java");
        STUDENT_TREES.put("test-harness/cross-host/checks/java", "cross-host/java");
        STUDENT_TREES.put("test-harness/cross-host/src/main/resources", "cross-host/resources");
        STUDENT_TREES.put("docs/diagrams", "docs/diagrams");
        STUDENT_TREES.put("docs/demos", "docs/demos");
        STUDENT_TREES.put("test-harness/tools/student", "");
    }

    /** The student guide speaks of the kit's folders; in the student's repository the starter is the root. */
    private static final Map<String, String> GUIDE_PATHS = new LinkedHashMap<>();

    static {
        GUIDE_PATHS.put("From the kit's root folder", "From your repository's root folder");
        GUIDE_PATHS.put("mvn verify -pl exercise-11-starter", "mvn verify");
        GUIDE_PATHS.put("mvn -q compile -pl exercise-11-starter", "mvn -q compile");
        GUIDE_PATHS.put("exercise-11-starter/", "");
        GUIDE_PATHS.put("test-harness/checks/java/", "src/test/java/");
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Za-z0-9.-]+)@");

    private Export() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, Path.of(System.getProperty("kit.root", ".")));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + " (export --help lists what it makes)");
            code = 2;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    /** Run the command in the kit at {@code kit}; return the exit code. Usage mistakes throw IllegalArgumentException. */
    static int run(String[] args, Path kit) throws IOException {
        CommandLine commandLine = new CommandLine(new Line());
        CommandLine.ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            List<String> suggestions = e.getSuggestions();
            throw new IllegalArgumentException("expected 'student DIR' or 'gradescope OUT.zip', got '" + String.join(" ", args) + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?"));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage().lines().findFirst().orElse("a mistake on the command line"));
        }
        if (parsed.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return 0;
        }
        if (!parsed.hasSubcommand()) {
            throw new IllegalArgumentException("say what to export: student DIR, or gradescope OUT.zip");
        }
        CommandLine.ParseResult export = parsed.subcommand();
        Path where = ((Path) export.matchedPositionalValue(0, null)).toAbsolutePath().normalize();
        if (export.commandSpec().name().equals("gradescope")) {
            int files = gradescope(kit.toAbsolutePath().normalize(), where);
            System.out.printf("Wrote Gradescope's autograder to %s: %d files. Upload it as the assignment's autograder"
                    + " (docs/grading.md, 'Gradescope').%n", where, files);
            return 0;
        }
        boolean offline = export.matchedOptionValue("--offline", false);
        int files = student(kit.toAbsolutePath().normalize(), where, offline);
        System.out.printf("Wrote a repository for students to %s: %d files, one commit.%n"
                + "Push it to a new (private or template) repository; 'mvn verify' there shows every TODO pending.%n",
                where, files);
        if (offline) {
            System.out.printf("It carries %s/ (%s): 'mvn verify' there needs no network (docs/instructor-guide.md,"
                    + " 'Labs with no network').%n", OfflineRepository.FOLDER,
                    OfflineRepository.shown(OfflineRepository.bytesIn(where.resolve(OfflineRepository.FOLDER))));
        }
        return 0;
    }

    /** Write the student repository into {@code target} (new or empty) and commit it; return the number of files. */
    public static int student(Path kit, Path target) throws IOException {
        return student(kit, target, false);
    }

    /**
     * Write the student repository into {@code target} (new or empty), with {@code offline} carrying what its build
     * needs ({@link OfflineRepository}), and commit it; return the number of files.
     */
    public static int student(Path kit, Path target, boolean offline) throws IOException {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " is a file; give a new or empty folder");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " is not empty; give a new or empty folder");
                }
            }
        }
        if (!Files.isDirectory(kit.resolve("test-harness/checks/java"))) {
            throw new IllegalStateException("no kit at " + kit + " (its test-harness/checks is missing)");
        }
        Files.createDirectories(target);
        for (Map.Entry<String, String> tree : STUDENT_TREES.entrySet()) {
            copyTree(kit.resolve(tree.getKey()), target.resolve(tree.getValue()));
        }
        // the loss lab's chart from a real run, which the guide shows
        Files.copy(kit.resolve("docs/loss-lab.svg"), target.resolve("docs/loss-lab.svg"));
        Path guide = target.resolve("docs/student-guide.md");
        Files.writeString(guide, rewriteGuide(Files.readString(kit.resolve("docs/student-guide.md"), StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        Path pom = target.resolve("pom.xml");
        Files.writeString(pom, fill(Files.readString(pom, StandardCharsets.UTF_8), versions(kit.resolve("pom.xml"))),
                StandardCharsets.UTF_8);
        if (offline) {
            carryTheBuild(target, pom, guide);
        }
        List<Path> written;
        try (Stream<Path> all = Files.walk(target)) {
            written = all.filter(Files::isRegularFile).toList();
        }
        for (Path file : written) {
            if (file.toString().endsWith(".java") && Files.readString(file, StandardCharsets.UTF_8).contains("// >>> TODO")) {
                throw new IllegalStateException(file + " holds a solution marker; the export must not");
            }
        }
        git(target, "init", "-q", "-b", "main");
        git(target, "add", "-A");
        git(target, "-c", "user.name=Exercise 11 kit", "-c", "user.email=kit@exercise11.invalid", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", "Exercise 11: starter, checks and guide");
        return written.size();
    }

    /** Name the offline repository in the pom, fill it, and say in the guide what it is and how big. */
    private static void carryTheBuild(Path target, Path pom, Path guide) throws IOException {
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        if (!text.contains("  </properties>\n")) {
            throw new IllegalStateException("the student pom has no </properties> to put the offline repository after");
        }
        Files.writeString(pom, text.replaceFirst("  </properties>\n", "  </properties>\n\n"
                + Matcher.quoteReplacement(OfflineRepository.pomRepositories())), StandardCharsets.UTF_8);
        Files.createDirectories(target.resolve(".mvn"));
        Files.writeString(target.resolve(".mvn/maven.config"), OfflineRepository.MAVEN_CONFIG, StandardCharsets.UTF_8);
        Path scratch = Files.createTempDirectory("exercise11-offline-");
        long bytes;
        try {
            bytes = OfflineRepository.fill(target, scratch);
        } finally {
            deleteTree(scratch);
        }
        String guideText = Files.readString(guide, StandardCharsets.UTF_8);
        String section = "### With no network\n\nThis copy of the exercise carries `" + OfflineRepository.FOLDER + "/` ("
                + OfflineRepository.shown(bytes) + "): every library and Maven plugin that `mvn verify`, `mvn -q compile` and"
                + " `mvn verify -Pcross-host` use. Maven looks there first, so the build works on a machine with no network"
                + " and an empty `~/.m2`, and with a network it works the same. Nothing in it is yours to edit. To refresh it"
                + " (a new version of the kit), your teacher makes a new copy with `bin/export student DIR --offline`.\n\n";
        if (!guideText.contains("\n## The nine steps")) {
            throw new IllegalStateException("the student guide has no '## The nine steps' to put the offline note before");
        }
        Files.writeString(guide, guideText.replaceFirst("\n## The nine steps", Matcher.quoteReplacement("\n" + section)
                + "## The nine steps"), StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** What Gradescope's zip holds of the kit, under {@code kit/}: the grader's build, the checks, the two bodies. */
    private static final List<String> GRADESCOPE_KIT = List.of("pom.xml", ".mvn", "test-harness/rubric.txt",
            "test-harness/checks", "test-harness/support", "test-harness/cross-host", "test-harness/grader",
            "test-harness/tools/pom.xml", "loss-lab/pom.xml", "exercise-11-solution/pom.xml", "exercise-11-solution/src/main",
            "exercise-11-starter/pom.xml", "exercise-11-starter/src/main", "kit-selfcheck/pom.xml");

    /**
     * Write Gradescope's autograder zip: {@code setup.sh} and {@code run_autograder} at its root (LF line ends,
     * executable), and under {@code kit/} what the grader needs to build and grade. Return the number of files.
     */
    public static int gradescope(Path kit, Path zip) throws IOException {
        if (!zip.getFileName().toString().endsWith(".zip")) {
            throw new IllegalArgumentException("the autograder must be a .zip file, got " + zip.getFileName());
        }
        if (Files.isDirectory(zip)) {
            throw new IllegalArgumentException(zip + " is a folder; give the zip file to write");
        }
        Files.createDirectories(zip.toAbsolutePath().getParent());
        int files = 0;
        Path temporary = Files.createTempFile(zip.toAbsolutePath().getParent(), ".autograder", ".zip");
        try (ZipArchiveOutputStream out =
                     new ZipArchiveOutputStream(temporary)) {
            for (String script : List.of("setup.sh", "run_autograder")) {
                String text = Files.readString(kit.resolve("test-harness/tools/gradescope").resolve(script), StandardCharsets.UTF_8);
                add(out, script, text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8), 0755);
                files++;
            }
            for (String part : GRADESCOPE_KIT) {
                Path from = kit.resolve(part);
                if (!Files.exists(from)) {
                    throw new IllegalStateException("the kit has no " + from);
                }
                try (Stream<Path> paths = Files.walk(from)) {
                    for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
                        String name = kit.relativize(file).toString().replace('\\', '/');
                        if (name.contains("/target/")) {
                            continue;
                        }
                        add(out, "kit/" + name, Files.readAllBytes(file), 0644);
                        files++;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, zip, StandardCopyOption.REPLACE_EXISTING);
        return files;
    }

    private static void add(ZipArchiveOutputStream out, String name, byte[] bytes,
            int mode) throws IOException {
        ZipArchiveEntry entry =
                new ZipArchiveEntry(name);
        entry.setUnixMode(UnixStat.FILE_FLAG | mode);
        entry.setSize(bytes.length);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    /** The student guide with the kit's paths replaced by the student repository's. */
    static String rewriteGuide(String guide) {
        String text = guide;
        for (Map.Entry<String, String> path : GUIDE_PATHS.entrySet()) {
            text = text.replace(path.getKey(), path.getValue());
        }
        return text;
    }

    /** Replace each {@code @name@} in {@code template} with its value; an unknown name is an error. */
    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("the student pom names @" + matcher.group(1) + "@, which the kit's pom does not define");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The kit pom's properties, and each managed plugin's version as {@code <artifactId>.version}. */
    static Map<String, String> versions(Path rootPom) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(rootPom)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document pom = factory.newDocumentBuilder().parse(in);
            Element properties = child(pom.getDocumentElement(), "properties");
            if (properties != null) {
                for (Node node = properties.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element property) {
                        values.put(property.getTagName(), property.getTextContent().trim());
                    }
                }
            }
            NodeList plugins = pom.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                Element artifact = child(plugin, "artifactId");
                Element version = child(plugin, "version");
                if (artifact != null && version != null) {
                    values.put(artifact.getTextContent().trim() + ".version", version.getTextContent().trim());
                }
            }
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read " + rootPom + ": " + e.getMessage());
        }
        return values;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("the kit has no " + from);
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path destination = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else if (Files.exists(destination)) {
                    throw new IllegalStateException("two of the kit's files would both become " + destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void git(Path folder, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(args));
        Process git;
        try {
            git = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git (is it installed?): " + e.getMessage());
        }
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                throw new IllegalStateException("git " + args[0] + " failed in " + folder + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while git " + args[0] + " ran");
        }
    }
}
