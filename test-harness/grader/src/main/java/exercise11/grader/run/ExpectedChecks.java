package exercise11.grader.run;

import exercise11.grader.build.PolicyCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The checks the grader expects a run to report, read (with ASM) from the check classes it compiled itself, so that
 * what is scored never depends on what the checks' JVM says it ran.
 */
public final class ExpectedChecks {

    /** One check: its class (binary name, {@code exercise11.checks.UdpServerTests$Receive}) and method. */
    public record Check(String className, String method) {
    }

    /** The annotations that make a method a check (a check that runs many times still counts once). */
    private static final Set<String> CHECK_ANNOTATIONS = Set.of("Lorg/junit/jupiter/api/Test;",
            "Lorg/junit/jupiter/params/ParameterizedTest;", "Lorg/junit/jupiter/api/RepeatedTest;",
            "Lorg/junit/jupiter/api/TestFactory;", "Lorg/junit/jupiter/api/TestTemplate;");
    /** Classes with these annotations need Docker: expected only when the run includes the cross-host checks. */
    private static final Set<String> DOCKER_ANNOTATIONS = Set.of("Lexercise11/harness/containers/RequiresDocker;",
            "Lexercise11/harness/containers/CrossHostChecks;");

    private ExpectedChecks() {
    }

    /** Every check compiled under {@code checks}, in a stable order; the Docker ones only if {@code containers}. */
    public static List<Check> in(Path checks, boolean containers) throws IOException {
        List<Check> expected = new ArrayList<>();
        for (Path file : PolicyCheck.classFiles(checks)) {
            ClassNode node = new ClassNode();
            new ClassReader(Files.readAllBytes(file)).accept(node, ClassReader.SKIP_CODE);
            if (!containers && (has(node.visibleAnnotations, DOCKER_ANNOTATIONS) || has(node.invisibleAnnotations, DOCKER_ANNOTATIONS))) {
                continue;
            }
            for (MethodNode method : node.methods) {
                if (has(method.visibleAnnotations, CHECK_ANNOTATIONS)
                        && (containers || !has(method.visibleAnnotations, DOCKER_ANNOTATIONS))) {
                    expected.add(new Check(Type.getObjectType(node.name).getClassName(), method.name));
                }
            }
        }
        return List.copyOf(expected);
    }

    private static boolean has(List<AnnotationNode> annotations, Set<String> wanted) {
        return annotations != null && annotations.stream().anyMatch(a -> wanted.contains(a.desc));
    }
}
