package exercise11.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where each of the nine TODOs is written: its class and method, and the file a student edits. The kit's self-check
 * proves this table against the TODO markers of the solution.
 */
public final class TodoSites {

    /** System property with the sources' folder ({@code ${project.build.sourceDirectory}}), set by the build. */
    public static final String SOURCES_PROPERTY = "exercise11.sources";
    /** System property with the folder the build was started from ({@code ${maven.multiModuleProjectDirectory}}). */
    public static final String ROOT_PROPERTY = "exercise11.root";
    /** The sources' folder as a module's own build sees it, when the build says nothing of it. */
    public static final String DEFAULT_SOURCES = "src/main/java";

    /** One TODO: its number, the simple name of its class ({@code UdpServer}) and its method ({@code decode}). */
    public record Site(int todo, String className, String method) {

        /** The file to edit, under the sources' folder {@code sources}: {@code src/main/java/exercise11/UdpServer.java}. */
        public String file(String sources) {
            return (sources.isEmpty() ? "" : sources + "/") + "exercise11/" + className + ".java";
        }
    }

    /** Every TODO, in order. */
    public static final List<Site> ALL = List.of(
            new Site(1, "UdpClient", "pythonTimestamp"),
            new Site(2, "UdpClient", "encode"),
            new Site(3, "UdpClient", "openBroadcastSocket"),
            new Site(4, "UdpClient", "sendOnce"),
            new Site(5, "UdpServer", "openSocket"),
            new Site(6, "UdpServer", "receive"),
            new Site(7, "UdpServer", "decode"),
            new Site(8, "UdpServer", "formatLine"),
            new Site(9, "UdpServer", "serve"));

    private TodoSites() {
    }

    /** The site of TODO {@code todo}, if there is one. */
    public static Optional<Site> of(int todo) {
        return ALL.stream().filter(site -> site.todo() == todo).findFirst();
    }

    /** The TODO written in method {@code method} of class {@code className} ({@code exercise11.UdpServer}), if any. */
    public static Optional<Site> at(String className, String method) {
        return ALL.stream().filter(site -> ("exercise11." + site.className()).equals(className) && site.method().equals(method))
                .findFirst();
    }

    /**
     * The sources' folder as the student names it from where the build started: {@code exercise-11-starter/src/main/java}
     * in the kit, {@code src/main/java} in a student's repository; {@value #DEFAULT_SOURCES} when the build does not say.
     */
    public static String sources() {
        return sources(System.getProperty(SOURCES_PROPERTY, ""), System.getProperty(ROOT_PROPERTY, ""));
    }

    /** The folder {@code sources} as named from {@code root}; {@value #DEFAULT_SOURCES} if either is blank or outside. */
    static String sources(String sources, String root) {
        if (sources.isBlank() || root.isBlank()) {
            return DEFAULT_SOURCES;
        }
        try {
            Path relative = Path.of(root).toAbsolutePath().normalize().relativize(Path.of(sources).toAbsolutePath().normalize());
            String shown = relative.toString().replace('\\', '/');
            return shown.startsWith("..") || shown.isEmpty() ? DEFAULT_SOURCES : shown;
        } catch (IllegalArgumentException e) { // InvalidPathException, or paths of different roots
            return DEFAULT_SOURCES;
        }
    }
}
