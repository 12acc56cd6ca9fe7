package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The example workflow that grades a cohort as a matrix of shards ({@code docs/grade-cohort.yml}): its grade and merge
 * commands, read from the file and run locally one after another, as its jobs would, give the same gradebook as one
 * unsharded run with the same seed.
 */
@DisplayName("The sharded grading workflow (docs/grade-cohort.yml)")
class GradeWorkflowTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "workflow").toAbsolutePath();
    private static final Path WORKFLOW = Cohorts.KIT.resolve("docs/grade-cohort.yml");

    @Test
    @DisplayName("its shard and merge commands give the gradebook of one unsharded run")
    void shardsThenMergeEqualsOneRun() throws Exception {
        String workflow = Files.readString(WORKFLOW, StandardCharsets.UTF_8);
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("SUBMISSIONS", "SHARDS", "SEED")) {
            env.put(name, one(workflow, "\n  " + name + ": (\\S+)\n"));
        }
        List<String> shards = Arrays.stream(one(workflow, "\n        shard: \\[([0-9, ]+)]\n").split(",\\s*")).toList();
        assertEquals(env.get("SHARDS"), String.valueOf(shards.size()), "SHARDS should be the number of shards in the matrix");
        // The grade step takes its shard from the matrix into SHARD, and its line reads SHARD alone, as the clusters' do.
        assertEquals("${{ matrix.shard }}", one(workflow, "\n        env:\n          SHARD: ([^\n]+)\n        run: bin/grade "),
                "the grade step should set SHARD to its matrix shard");
        String gradeShard = one(workflow, "\n        run: (bin/grade [^\n]*--shard[^\n]*)\n");
        assertFalse(gradeShard.contains("${{"), () -> "the grade line should read the shard from $SHARD, not from an"
                + " Actions expression (the cluster examples run the same line): " + gradeShard);
        String merge = one(workflow, "\n        run: (bin/grade --merge[^\n]*)\n");

        Cohorts.deleteTree(WORK);
        Path cohort = Files.createDirectories(WORK.resolve(env.get("SUBMISSIONS")));
        Variant.ofSolution("alice").writeTo(Cohorts.KIT, cohort);
        Variant.ofStarter("bob").writeTo(Cohorts.KIT, cohort);
        Fixtures.of("known-bad").get(0).variant("carol-").writeTo(Cohorts.KIT, cohort);
        Variant.ofSolution("dave").writeTo(Cohorts.KIT, cohort);
        Variant.ofStarter("erin").writeTo(Cohorts.KIT, cohort);

        for (String shard : shards) {
            Map<String, String> shardEnv = new LinkedHashMap<>(env);
            shardEnv.put("SHARD", shard);
            bash(gradeShard, shardEnv);
        }
        bash(merge, env);
        bash("bin/grade \"$SUBMISSIONS\" --out unsharded --seed \"$SEED\"", env);

        List<String> merged = gradebook(WORK.resolve("grades"));
        List<String> unsharded = gradebook(WORK.resolve("unsharded"));
        assertEquals(6, merged.size(), () -> "a header and five students: " + merged);
        assertEquals(unsharded, merged);
    }

    /** The gradebook's rows without the seconds each took, which no two runs share. */
    private static List<String> gradebook(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
        int seconds = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        assertTrue(seconds > 0, lines.get(0));
        for (String line : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(seconds);
            rows.add(String.join(",", cells));
        }
        return rows;
    }

    private static String one(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> WORKFLOW + " has nothing that matches " + regex);
        String found = m.group(1);
        assertFalse(m.find(), () -> WORKFLOW + " has more than one match of " + regex);
        return found;
    }

    /** Run {@code command} in bash in the work folder, with the kit's bin/ first on its way to bin/grade. */
    private static void bash(String command, Map<String, String> env) throws Exception {
        Files.createDirectories(WORK.resolve("bin"));
        Path grade = WORK.resolve("bin/grade");
        if (!Files.exists(grade)) {
            Files.createSymbolicLink(grade, Cohorts.KIT.resolve("bin/grade"));
        }
        Cohorts.run(WORK, env, "bash", "-c", command);
    }
}
