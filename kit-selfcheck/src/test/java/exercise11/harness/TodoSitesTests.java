package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TodoSites")
class TodoSitesTests {

    private static final Path SOLUTION = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize()
            .resolve("exercise-11-solution/src/main/java/exercise11");
    private static final Pattern METHOD = Pattern.compile("^\\s+public static [\\w<>\\[\\]]+ (\\w+)\\(.*");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// >>> TODO (\\d+): .*");

    @Test
    @DisplayName("names, for every TODO, the class and method the solution writes it in")
    void matchesTheSolutionsMarkers() throws Exception {
        List<TodoSites.Site> found = new ArrayList<>();
        for (String className : List.of("UdpClient", "UdpServer")) {
            String method = null;
            for (String line : Files.readAllLines(SOLUTION.resolve(className + ".java"), StandardCharsets.UTF_8)) {
                Matcher declared = METHOD.matcher(line);
                if (declared.matches()) {
                    method = declared.group(1);
                }
                Matcher begin = BEGIN.matcher(line);
                if (begin.matches()) {
                    found.add(new TodoSites.Site(Integer.parseInt(begin.group(1)), className, method));
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt(TodoSites.Site::todo));
        assertEquals(found, TodoSites.ALL);
        assertEquals("src/main/java/exercise11/UdpServer.java", TodoSites.of(7).orElseThrow().file("src/main/java"));
        assertEquals(TodoSites.of(6), TodoSites.at("exercise11.UdpServer", "receive"));
    }
}
