package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster examples of {@code docs/cluster/}: a Kubernetes Indexed Job and a Slurm job array that grade a cohort in
 * shards, and the merge each starts once every shard has ended well. They must run the very grade and merge lines of
 * the GitHub workflow ({@code docs/grade-cohort.yml}), which {@link GradeWorkflowTests} runs for real, with its
 * SUBMISSIONS, SHARDS and SEED. Here the manifests are read into Kubernetes' own model (fabric8's), every line is
 * compared with the workflow's, and each engine's way of numbering its shards is run in bash, with a stand-in for
 * {@code bin/grade} that prints what it was given: shards 1 to N, once each. Nothing is graded. The last test changes
 * one thing at a time in the files and requires the same checks to catch it, so none of them passes whatever the
 * files say.
 */
@DisplayName("The cluster examples (docs/cluster/): Kubernetes and Slurm run the workflow's grade and merge lines")
class ClusterManifestsTests {

    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck"), "cluster").toAbsolutePath();
    private static final Path WORKFLOW = Cohorts.KIT.resolve("docs/grade-cohort.yml");
    private static final Path KUBERNETES = Cohorts.KIT.resolve("docs/cluster/kubernetes");
    private static final Path SLURM = Cohorts.KIT.resolve("docs/cluster/slurm");
    private static final List<String> SETTINGS = List.of("SUBMISSIONS", "SHARDS", "SEED");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static Workflow workflow;

    /** What the other engines must share with the workflow: its settings, its shard count, its two command lines. */
    private record Workflow(Map<String, String> env, int shards, String grade, String merge) {

        int shardCount() {
            return Integer.parseInt(env.get("SHARDS"));
        }
    }

    /** Where a Job's container works: the claim, the part of it mounted there, and the folder below the mount. */
    private record Place(String claim, String subPath, String folder) {
    }

    /** A process's exit code and everything it printed. */
    private record Result(int code, String output) {
    }

    @BeforeAll
    static void readWorkflow() throws Exception {
        String text = read(WORKFLOW);
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : SETTINGS) {
            env.put(name, only(WORKFLOW, text, "\n  " + name + ": (\\S+)\n").group(1));
        }
        String matrix = only(WORKFLOW, text, "\n        shard: \\[([0-9, ]+)]\n").group(1);
        workflow = new Workflow(env, matrix.split(",\\s*").length,
                only(WORKFLOW, text, "\n        run: (bin/grade [^\n]*--shard[^\n]*)\n").group(1),
                only(WORKFLOW, text, "\n        run: (bin/grade --merge[^\n]*)\n").group(1));
        assertEquals(workflow.shards(), workflow.shardCount(), "the workflow's SHARDS should be its matrix's size");
        Cohorts.deleteTree(WORK);
        Files.createDirectories(WORK);
    }

    @Test
    @DisplayName("the grade Job is an Indexed Job of one completion per shard, with the workflow's settings, and its"
            + " pod I runs the workflow's grade line for shard I + 1")
    void gradeJob() throws Exception {
        gradeJobFits(read(KUBERNETES.resolve("grade-job.yaml")));
    }

    @Test
    @DisplayName("the merge Job is a plain Job that runs the workflow's merge line in the grade Job's folder on the same claim")
    void mergeJob() throws Exception {
        mergeJobFits(read(KUBERNETES.resolve("grade-job.yaml")), read(KUBERNETES.resolve("merge-job.yaml")));
    }

    @Test
    @DisplayName("volume.yaml makes the Jobs' claim ReadWriteMany, so that every shard's pod mounts it at once")
    void volume() throws Exception {
        String claim = place(job("grade-job.yaml", read(KUBERNETES.resolve("grade-job.yaml")))).claim();
        List<JsonNode> documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(read(KUBERNETES.resolve("volume.yaml"))).readAll();
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (JsonNode document : documents) {
            if ("PersistentVolumeClaim".equals(document.path("kind").asText())) {
                claims.add(known("volume.yaml", YAML.treeToValue(document, PersistentVolumeClaim.class)));
            } else {
                assertEquals("Pod", document.path("kind").asText(), "volume.yaml should hold the claim and a pod for the files");
                Pod pod = known("volume.yaml", YAML.treeToValue(document, Pod.class));
                assertEquals(List.of(claim), pod.getSpec().getVolumes().stream()
                        .map(v -> v.getPersistentVolumeClaim().getClaimName()).toList(), "the files pod should mount the claim");
            }
        }
        assertEquals(1, claims.size(), "volume.yaml should make one claim");
        assertEquals(claim, claims.get(0).getMetadata().getName(), "volume.yaml's claim should be the one the Jobs mount");
        assertEquals(List.of("ReadWriteMany"), claims.get(0).getSpec().getAccessModes());
    }

    @Test
    @DisplayName("the Slurm array numbers its tasks 1 to SHARDS, sets the workflow's settings and runs its grade line")
    void slurmGrade() throws Exception {
        gradeArrayFits(read(SLURM.resolve("grade.sbatch")));
    }

    @Test
    @DisplayName("the Slurm merge runs the workflow's merge line")
    void slurmMerge() throws Exception {
        mergeBatchFits(read(SLURM.resolve("merge.sbatch")));
    }

    @Test
    @DisplayName("submit.sh holds the merge with --dependency=afterok: on the grade job's id, also when sbatch prints id;cluster")
    void submit() throws Exception {
        Path kit = WORK.resolve("submit/kit");
        Path slurm = Files.createDirectories(kit.resolve("docs/cluster/slurm"));
        for (String file : List.of("submit.sh", "grade.sbatch", "merge.sbatch")) {
            Files.copy(SLURM.resolve(file), slurm.resolve(file));
        }
        Path stubs = Files.createDirectories(WORK.resolve("submit/stubs"));
        Path log = WORK.resolve("submit/sbatch.log");
        // one call a line, its arguments apart by tabs: a folder's name may hold spaces
        stub(stubs.resolve("sbatch"), "{ printf '%s\\t' \"$@\"; echo; } >> \"$SBATCH_LOG\"",
                "if [ -e \"$SBATCH_LOG.1\" ]; then echo 4243; else : > \"$SBATCH_LOG.1\"; echo '4242;cluster-a'; fi");
        Map<String, String> env = Map.of("PATH", stubs + ":/usr/bin:/bin", "SBATCH_LOG", log.toString());

        Result unbuilt = run(WORK, env, "bash", slurm.resolve("submit.sh").toString());
        assertNotEquals(0, unbuilt.code(), () -> "submit.sh should refuse a kit whose grader is not built: " + unbuilt.output());
        assertFalse(Files.exists(log), "submit.sh should submit nothing for a kit whose grader is not built");

        Path classpath = Files.createDirectories(kit.resolve("test-harness/grader/target")).resolve("grader.classpath");
        Files.writeString(classpath, "/a.jar");
        Result submitted = run(WORK, env, "bash", slurm.resolve("submit.sh").toString());
        assertEquals(0, submitted.code(), submitted::output);
        List<List<String>> calls = Files.readAllLines(log).stream().map(line -> List.of(line.split("\t"))).toList();
        assertEquals(2, calls.size(), () -> "two jobs: " + calls);
        for (List<String> call : calls) {
            assertTrue(call.contains("--parsable") && call.contains("--chdir=" + kit), () -> "each job in the kit's folder: " + call);
        }
        assertEquals("grade.sbatch", calls.get(0).get(calls.get(0).size() - 1), () -> "the grade array first: " + calls);
        assertFalse(String.join(" ", calls.get(0)).contains("--dependency"), () -> "the grade array waits for nothing: " + calls);
        assertEquals("merge.sbatch", calls.get(1).get(calls.get(1).size() - 1), () -> "then the merge: " + calls);
        assertTrue(calls.get(1).contains("--dependency=afterok:4242"), () -> "the merge held on the grade job's id: " + calls);
    }

    @Test
    @DisplayName("bash -n accepts every Slurm script and each Kubernetes container's script")
    void syntax() throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(SLURM)) {
            scripts = files.sorted().toList();
        }
        assertEquals(Set.of("grade.sbatch", "merge.sbatch", "submit.sh"),
                scripts.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        for (Path script : scripts) {
            Result checked = run(WORK, Map.of(), "bash", "-n", script.toString());
            assertEquals(0, checked.code(), () -> script + ": " + checked.output());
        }
        for (String manifest : List.of("grade-job.yaml", "merge-job.yaml")) {
            String script = script(manifest, job(manifest, read(KUBERNETES.resolve(manifest))));
            Result checked = run(WORK, Map.of(), "bash", "-n", "-c", script);
            assertEquals(0, checked.code(), () -> manifest + ": " + checked.output());
        }
    }

    @Test
    @DisplayName("run with a stand-in bin/grade, the three engines give it the same arguments for each shard and for the merge")
    void sameArguments() throws Exception {
        Path folder = Files.createDirectories(WORK.resolve("arguments"));
        stub(Files.createDirectories(folder.resolve("bin")).resolve("grade"), "printf '%s\\n' \"$@\"");
        int n = workflow.shardCount();
        for (int shard = 1; shard <= n; shard++) {
            Files.createDirectories(folder.resolve("out/shard-" + shard));
        }
        Job gradeJob = job("grade-job.yaml", read(KUBERNETES.resolve("grade-job.yaml")));
        String gradeScript = script("grade-job.yaml", gradeJob);
        Map<String, String> podEnv = env(container(gradeJob));
        String gradeArray = read(SLURM.resolve("grade.sbatch"));
        for (int shard = 1; shard <= n; shard++) {
            String expected = String.join("\n", workflow.env().get("SUBMISSIONS"), "--out", "out/shard-" + shard, "--shard",
                    shard + "/" + n, "--seed", workflow.env().get("SEED")) + "\n";
            Map<String, String> actions = new LinkedHashMap<>(workflow.env());
            actions.put("SHARD", String.valueOf(shard));
            assertEquals(expected, ok(run(folder, actions, "bash", "-c", workflow.grade())), "the workflow, shard " + shard);
            Map<String, String> pod = new LinkedHashMap<>(podEnv);
            pod.put("JOB_COMPLETION_INDEX", String.valueOf(shard - 1));
            assertEquals(expected, ok(run(folder, pod, "bash", "-c", gradeScript)), "the Job's pod of index " + (shard - 1));
            assertEquals(expected, ok(run(folder, Map.of("SLURM_ARRAY_TASK_ID", String.valueOf(shard)), "bash", "-c", gradeArray)),
                    "the Slurm array's task " + shard);
        }
        String merged = ok(run(folder, workflow.env(), "bash", "-c", workflow.merge()));
        assertEquals(Stream.concat(Stream.of("--merge"), Stream.concat(IntStream.rangeClosed(1, n).mapToObj(i -> "out/shard-" + i),
                Stream.of("--out", "grades"))).collect(Collectors.joining("\n", "", "\n")), merged, "the workflow's merge");
        String mergeScript = script("merge-job.yaml", job("merge-job.yaml", read(KUBERNETES.resolve("merge-job.yaml"))));
        assertEquals(merged, ok(run(folder, Map.of(), "bash", "-c", mergeScript)), "the merge Job");
        assertEquals(merged, ok(run(folder, Map.of(), "bash", "-c", read(SLURM.resolve("merge.sbatch")))), "the Slurm merge");
    }

    /** One change each to a file, with what it breaks; the checks above must catch every one. */
    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("kubernetes/grade-job.yaml", "--out \"out/shard-$SHARD\"", "--out \"out/shard$SHARD\""),
                Arguments.of("kubernetes/grade-job.yaml", "completions: 4", "completions: 3"),
                Arguments.of("kubernetes/grade-job.yaml", "SHARD=$((JOB_COMPLETION_INDEX + 1))", "SHARD=$JOB_COMPLETION_INDEX"),
                Arguments.of("kubernetes/grade-job.yaml", "completionMode: Indexed", "completionMode: NonIndexed"),
                Arguments.of("kubernetes/grade-job.yaml", "parallelism: 4", "paralellism: 4"),
                Arguments.of("kubernetes/grade-job.yaml", "value: \"20261201\"", "value: \"20261202\""),
                Arguments.of("kubernetes/merge-job.yaml", "out/shard-*", "out/shard*"),
                Arguments.of("kubernetes/merge-job.yaml", "claimName: exercise11-grading", "claimName: exercise11-other"),
                Arguments.of("kubernetes/merge-job.yaml", "workingDir: /grading/kit", "workingDir: /grading"),
                Arguments.of("slurm/grade.sbatch", "--array=1-4", "--array=0-3"),
                Arguments.of("slurm/grade.sbatch", "--seed \"$SEED\"", "--seed \"$SEED\" --jobs 1"),
                Arguments.of("slurm/grade.sbatch", "SHARDS=4", "SHARDS=3"),
                Arguments.of("slurm/grade.sbatch", "SHARD=$SLURM_ARRAY_TASK_ID", "SHARD=$SLURM_ARRAY_JOB_ID"),
                Arguments.of("slurm/grade.sbatch", "SUBMISSIONS=submissions\n", "SUBMISSIONS=submissions\n#SBATCH --exclusive\n"),
                Arguments.of("slurm/merge.sbatch", "--out grades", "--out grade"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("mutants")
    @DisplayName("a file changed in one place no longer passes its check")
    void changedFileIsCaught(String file, String from, String to) throws Exception {
        String text = read(Cohorts.KIT.resolve("docs/cluster").resolve(file));
        assertEquals(1, text.split(Pattern.quote(from), -1).length - 1, () -> file + " should hold '" + from + "' once");
        String changed = text.replace(from, to);
        String gradeJob = read(KUBERNETES.resolve("grade-job.yaml"));
        assertThrows(AssertionError.class, () -> {
            switch (file) {
                case "kubernetes/grade-job.yaml" -> gradeJobFits(changed);
                case "kubernetes/merge-job.yaml" -> mergeJobFits(gradeJob, changed);
                case "slurm/grade.sbatch" -> gradeArrayFits(changed);
                case "slurm/merge.sbatch" -> mergeBatchFits(changed);
                default -> throw new IllegalArgumentException(file);
            }
        }, () -> file + " with '" + to + "' for '" + from + "' passed its check");
    }

    // The checks, each on a file's text, so that the last test can give them changed copies.

    private static void gradeJobFits(String yaml) throws Exception {
        Job job = job("grade-job.yaml", yaml);
        JobSpec spec = job.getSpec();
        int n = workflow.shardCount();
        assertEquals("Indexed", spec.getCompletionMode(), "the grade Job should be Indexed: one completion index per shard");
        assertEquals(n, spec.getCompletions(), "the grade Job's completions should be the workflow's SHARDS (and matrix)");
        int parallelism = Objects.requireNonNullElse(spec.getParallelism(), 1);
        assertTrue(parallelism >= 1 && parallelism <= n, () -> "parallelism should be 1 to completions, is " + parallelism);
        assertTrue(spec.getBackoffLimitPerIndex() != null || spec.getBackoffLimit() != null,
                "the grade Job should bound its retries (backoffLimitPerIndex or backoffLimit)");
        if (spec.getBackoffLimitPerIndex() != null) {
            assertEquals("Never", spec.getTemplate().getSpec().getRestartPolicy(), "backoffLimitPerIndex needs restartPolicy Never");
        }
        Container container = container(job);
        Map<String, String> env = env(container);
        for (String name : SETTINGS) {
            assertEquals(workflow.env().get(name), env.get(name), "the grade Job's " + name + " should be the workflow's");
        }
        List<String> lines = lines(script("grade-job.yaml", job));
        assertEquals(2, lines.size(), () -> "the grade Job's script: SHARD=..., then the grade line: " + lines);
        assertTrue(lines.get(0).startsWith("SHARD="), () -> "the grade Job's script should set SHARD first: " + lines);
        assertSameLine("the grade Job's grade line", workflow.grade(), lines.get(1));
        numbersShards("the grade Job", lines.get(0), "JOB_COMPLETION_INDEX", 0, spec.getCompletions() - 1);
    }

    private static void mergeJobFits(String gradeYaml, String mergeYaml) throws Exception {
        Job grade = job("grade-job.yaml", gradeYaml);
        Job merge = job("merge-job.yaml", mergeYaml);
        JobSpec spec = merge.getSpec();
        assertTrue(spec.getCompletionMode() == null || "NonIndexed".equals(spec.getCompletionMode()), "the merge Job is not Indexed");
        assertEquals(1, Objects.requireNonNullElse(spec.getCompletions(), 1), "the merge Job runs once");
        assertEquals(1, Objects.requireNonNullElse(spec.getParallelism(), 1), "the merge Job runs once");
        assertEquals(List.of(workflow.merge()), lines(script("merge-job.yaml", merge)), "the merge Job's script: the merge line");
        assertEquals(place(grade), place(merge), "the merge Job should work where the grade Job writes, on the same claim");
    }

    private static void gradeArrayFits(String text) throws Exception {
        directivesFirst("grade.sbatch", text);
        Path file = SLURM.resolve("grade.sbatch");
        MatchResult array = only(file, text, "(?m)^#SBATCH --array=(\\d+)-(\\d+)(?:%\\d+)?$");
        assertEquals("1-" + workflow.shardCount(), array.group(1) + "-" + array.group(2),
                "the array's task ids should be the shards, 1 to the workflow's SHARDS");
        MatchResult grade = only(file, text, "(?m)^(bin/grade .*)$");
        for (String name : SETTINGS) {
            MatchResult setting = only(file, text, "(?m)^" + name + "=(\\S+)$");
            assertEquals(workflow.env().get(name), setting.group(1), "grade.sbatch's " + name + " should be the workflow's");
            assertTrue(setting.start() < grade.start(), () -> name + " should be set before the grade line");
        }
        MatchResult shard = only(file, text, "(?m)^(SHARD=.*)$");
        assertTrue(shard.start() < grade.start(), "SHARD should be set before the grade line");
        assertSameLine("grade.sbatch's grade line", workflow.grade(), grade.group(1));
        numbersShards("grade.sbatch", shard.group(1), "SLURM_ARRAY_TASK_ID", Integer.parseInt(array.group(1)),
                Integer.parseInt(array.group(2)));
    }

    private static void mergeBatchFits(String text) throws Exception {
        directivesFirst("merge.sbatch", text);
        assertSameLine("merge.sbatch's merge line", workflow.merge(), only(SLURM.resolve("merge.sbatch"), text, "(?m)^(bin/grade .*)$").group(1));
    }

    /** Run {@code line} for each value of {@code variable} from {@code first} to {@code last}: it must set shards 1 to N once each. */
    private static void numbersShards(String what, String line, String variable, int first, int last) throws Exception {
        List<Integer> shards = new ArrayList<>();
        for (int value = first; value <= last; value++) {
            String printed = ok(run(WORK, Map.of(variable, String.valueOf(value)), "bash", "-c", line + "\nprintf '%s' \"$SHARD\""));
            assertTrue(printed.matches("[0-9]+"), () -> what + ": '" + line + "' set SHARD to '" + printed + "'");
            shards.add(Integer.parseInt(printed));
        }
        List<Integer> expected = IntStream.rangeClosed(1, workflow.shardCount()).boxed().toList();
        assertEquals(expected, shards, () -> what + ": " + variable + " " + first + " to " + last + " should give shards 1 to "
                + workflow.shardCount() + ", once each");
    }

    /** sbatch reads #SBATCH lines only until the script's first command: a later one would be silently ignored. */
    private static void directivesFirst(String what, String text) {
        boolean commands = false;
        for (String line : text.split("\n")) {
            if (commands) {
                assertFalse(line.startsWith("#SBATCH"), () -> what + ": '" + line + "' comes after a command, where sbatch ignores it");
            }
            commands |= !line.isBlank() && !line.startsWith("#");
        }
    }

    private static void assertSameLine(String what, String expected, String actual) {
        assertEquals(expected, actual, () -> what + " should be the workflow's (docs/grade-cohort.yml), character for character");
    }

    // Reading the manifests.

    /** The manifest as Kubernetes' Job, after checking its kind on the text (the model's own default is Job). */
    private static Job job(String what, String yaml) throws Exception {
        JsonNode tree = YAML.readTree(yaml);
        assertEquals("batch/v1", tree.path("apiVersion").asText(), what + ": apiVersion");
        assertEquals("Job", tree.path("kind").asText(), what + ": kind");
        return known(what, YAML.treeToValue(tree, Job.class));
    }

    /** {@code resource} after checking that every field in it is one of Kubernetes' model (a misspelt one lands apart). */
    private static <T> T known(String what, T resource) throws Exception {
        List<String> unknown = new ArrayList<>();
        unknownFields(resource, what, unknown);
        assertEquals(List.of(), unknown, what + " has fields that Kubernetes does not know");
        return resource;
    }

    private static void unknownFields(Object value, String path, List<String> unknown) throws Exception {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), unknown);
            }
        } else if (value != null && value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Method getter : value.getClass().getDeclaredMethods()) {
                if (getter.getParameterCount() > 0 || !getter.getName().startsWith("get") || !Modifier.isPublic(getter.getModifiers())
                        || Modifier.isStatic(getter.getModifiers())) {
                    continue;
                }
                Object field = getter.invoke(value);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) field).keySet().forEach(key -> unknown.add(path + "." + key));
                } else {
                    unknownFields(field, path + "." + getter.getName().substring(3), unknown);
                }
            }
        }
    }

    private static Container container(Job job) {
        List<Container> containers = job.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), "one container a pod");
        return containers.get(0);
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            assertNotNull(variable.getValue(), () -> variable.getName() + " should have a value in the manifest");
            env.put(variable.getName(), variable.getValue());
        }
        return env;
    }

    /** The script the Job's container hands to {@code bash -c}. */
    private static String script(String what, Job job) {
        Container container = container(job);
        assertEquals(List.of("bash", "-c"), container.getCommand(), what + ": the container should run bash -c");
        assertEquals(1, container.getArgs().size(), what + ": bash -c takes one script");
        return container.getArgs().get(0);
    }

    private static List<String> lines(String script) {
        return Arrays.stream(script.split("\n")).filter(line -> !line.isBlank()).toList();
    }

    private static Place place(Job job) {
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        String folder = container(job).getWorkingDir();
        assertNotNull(folder, "the container should name its workingDir: the kit's folder on the volume");
        VolumeMount mount = container(job).getVolumeMounts().stream()
                .filter(m -> folder.equals(m.getMountPath()) || folder.startsWith(m.getMountPath() + "/"))
                .max(Comparator.comparingInt(m -> m.getMountPath().length()))
                .orElseThrow(() -> new AssertionError(folder + " lies on no volume of the pod"));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
        assertNotNull(volume.getPersistentVolumeClaim(), () -> folder + " should lie on a PersistentVolumeClaim, shared by the Jobs");
        return new Place(volume.getPersistentVolumeClaim().getClaimName(), Objects.requireNonNullElse(mount.getSubPath(), ""),
                folder.substring(mount.getMountPath().length()));
    }

    // Small helpers.

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static MatchResult only(Path file, String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> file + " has nothing that matches " + regex);
        MatchResult found = m.toMatchResult();
        assertFalse(m.find(), () -> file + " has more than one match of " + regex);
        return found;
    }

    private static void stub(Path file, String... lines) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Run {@code command} in {@code folder} with {@code env} and nothing else of this JVM's environment but PATH. */
    private static Result run(Path folder, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().keySet().retainAll(Set.of("PATH"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), () -> String.join(" ", command) + " did not end");
        return new Result(process.exitValue(), output);
    }

    private static String ok(Result result) {
        assertEquals(0, result.code(), result::output);
        return result.output();
    }
}
