package exercise11.selfcheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which room of the kit may use which (docs/design.md, "The rooms"), checked with ArchUnit on the compiled classes:
 * the grader's stages follow the path of a submission, and nothing a student builds or runs uses the grader.
 */
@DisplayName("The kit's rooms and the directions between them")
class RoomsTests {

    private static final String GRADER = "exercise11.grader..";
    private static JavaClasses kit;

    @BeforeAll
    static void importTheKit() {
        kit = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("exercise11");
    }

    @Test
    @DisplayName("the grader's stages: intake, build, run, score, similarity, report, gradebook under the command line, each only forward")
    void graderStagesFollowTheSubmission() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("command line and orchestration").definedBy("exercise11.grader")
                .layer("intake").definedBy("exercise11.grader.intake..")
                .layer("build").definedBy("exercise11.grader.build..")
                .layer("run").definedBy("exercise11.grader.run..")
                .layer("results").definedBy("exercise11.grader.result..")
                .layer("score").definedBy("exercise11.grader.score..")
                .layer("similarity").definedBy("exercise11.grader.similarity..")
                .layer("report").definedBy("exercise11.grader.report..")
                .layer("progress").definedBy("exercise11.grader.progress..")
                .layer("gradebook").definedBy("exercise11.grader.gradebook..")
                .layer("spreadsheet").definedBy("exercise11.grader.spreadsheet..")
                .whereLayer("command line and orchestration").mayNotBeAccessedByAnyLayer()
                .whereLayer("intake").mayOnlyBeAccessedByLayers("command line and orchestration")
                .whereLayer("build").mayOnlyBeAccessedByLayers("command line and orchestration", "run")
                .whereLayer("run").mayOnlyBeAccessedByLayers("command line and orchestration")
                .whereLayer("results").mayOnlyBeAccessedByLayers("command line and orchestration", "run", "score", "report")
                .whereLayer("score").mayOnlyBeAccessedByLayers("command line and orchestration", "report", "gradebook")
                .whereLayer("similarity").mayOnlyBeAccessedByLayers("command line and orchestration", "report")
                .whereLayer("report").mayOnlyBeAccessedByLayers("command line and orchestration")
                .whereLayer("progress").mayOnlyBeAccessedByLayers("command line and orchestration")
                .whereLayer("gradebook").mayOnlyBeAccessedByLayers("command line and orchestration")
                .whereLayer("spreadsheet").mayOnlyBeAccessedByLayers("command line and orchestration", "intake", "report", "gradebook")
                .because("a submission goes intake -> build -> run -> score -> report, and a later stage only reads"
                        + " what an earlier one made (reports never reach into a run)")
                .check(kit);
    }

    @Test
    @DisplayName("what a student's build holds (the support of the checks, the cross-host tier) uses no grader code")
    void theStudentsSideUsesNoGrader() {
        noClasses().that().resideInAPackage("exercise11.harness..")
                .should().dependOnClassesThat().resideInAnyPackage(GRADER, "exercise11.kit..", "exercise11.losslab..")
                .because("the student's repository carries the harness as sources, and no grader, sandbox or tool")
                .check(kit);
    }

    @Test
    @DisplayName("the kit's tools and the loss lab use no grader code")
    void toolsAndTheLabUseNoGrader() {
        noClasses().that().resideInAnyPackage("exercise11.kit..", "exercise11.losslab..")
                .should().dependOnClassesThat().resideInAPackage(GRADER)
                .check(kit);
    }

    @Test
    @DisplayName("the exercise's code and its checks, compiled as a student's build compiles them, use no grader code")
    void theExerciseAndItsChecksUseNoGrader(@TempDir Path classes) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String folder : List.of("exercise-11-solution/src/main/java", "test-harness/checks/java",
                "test-harness/checks/hidden/java")) {
            try (Stream<Path> files = Files.walk(Cohorts.KIT.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
            }
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-nowarn"));
        args.addAll(sources);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new));
        assertEquals(0, code, () -> "the exercise and its checks do not compile: " + errors);
        JavaClasses exercise = new ClassFileImporter().importPath(classes);
        assertTrue(exercise.size() > 20, "too few classes compiled: " + exercise.size());
        noClasses().should().dependOnClassesThat().resideInAnyPackage(GRADER, "exercise11.kit..", "exercise11.losslab..")
                .because("students compile these; their build takes no grader and no kit tool")
                .check(exercise);
    }
}
