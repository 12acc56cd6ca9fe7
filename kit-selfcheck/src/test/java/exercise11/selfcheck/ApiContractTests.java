package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.build.Compilation;
import exercise11.grader.build.PublicApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

@DisplayName("Starter and solution")
class ApiContractTests {

    @Test
    @DisplayName("expose the same public classes, fields, constructors and methods")
    void exposeTheSameApi(@TempDir Path temp) throws Exception {
        Set<String> starter = PublicApi.of(compile("exercise-11-starter", temp));
        Set<String> solution = PublicApi.of(compile("exercise-11-solution", temp));
        assertTrue(solution.size() > 20, "expected the solution's API, found " + solution);
        assertEquals(solution, starter, "the starter's public API must be the solution's");
    }

    @Test
    @DisplayName("GivenSignatures uses every given method, constructor and constant, and a changed throws clause stops it")
    void givenSignaturesCoverTheApi(@TempDir Path temp) throws Exception {
        Path solution = compile("exercise-11-solution", temp);
        Path given = Cohorts.KIT.resolve("test-harness/checks/java/exercise11/checks/GivenSignatures.java");
        Path out = temp.resolve("given");
        Compilation.Result result = Compilation.compile(List.of(given), solution.toString(), out);
        assertTrue(result.ok(), () -> "GivenSignatures does not compile against the solution: " + result.errors());
        Set<String> used = new TreeSet<>();
        ClassReader reader = new ClassReader(Files.readAllBytes(out.resolve("exercise11/checks/GivenSignatures.class")));
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String member, String type, boolean isInterface) {
                        used.add(owner + "." + member + type);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String member, String type) {
                        used.add(owner + "." + member);
                    }
                };
            }
        }, 0);
        Set<String> missing = new TreeSet<>();
        for (Path file : classFiles(solution)) {
            ClassNode type = new ClassNode();
            new ClassReader(Files.readAllBytes(file)).accept(type, 0);
            for (MethodNode method : type.methods) {
                boolean fromObject = List.of("toString", "hashCode", "equals").contains(method.name);
                if ((method.access & Opcodes.ACC_PUBLIC) != 0 && !fromObject && !used.contains(type.name + "." + method.name + method.desc)) {
                    missing.add(type.name + "." + method.name + method.desc);
                }
            }
            for (FieldNode field : type.fields) {
                // javac copies a constant's value into the code that uses it, so only other fields show as used
                if ((field.access & Opcodes.ACC_PUBLIC) != 0 && field.value == null && !used.contains(type.name + "." + field.name)) {
                    missing.add(type.name + "." + field.name);
                }
            }
        }
        assertEquals(Set.of(), missing, "given signatures that GivenSignatures.java does not use");

        // the example: openBroadcastSocket() declared to throw IOException instead of SocketException
        Path changed = temp.resolve("changed");
        Cohorts.copyTree(Cohorts.KIT.resolve("exercise-11-solution/src/main/java"), changed);
        Path client = changed.resolve("exercise11/UdpClient.java");
        String source = Files.readString(client);
        assertTrue(source.contains("openBroadcastSocket() throws SocketException"), "the given signature moved");
        Files.writeString(client, source.replace("openBroadcastSocket() throws SocketException", "openBroadcastSocket() throws java.io.IOException"));
        Path changedClasses = temp.resolve("changed-classes");
        assertTrue(Compilation.compile(Compilation.javaFiles(changed), "", changedClasses).ok());
        Compilation.Result broken = Compilation.compile(List.of(given), changedClasses.toString(), temp.resolve("broken"));
        assertFalse(broken.ok(), "GivenSignatures compiled against a changed throws clause");
        assertTrue(broken.errors().contains("GivenSignatures.java") && broken.errors().contains("IOException"), broken.errors());
    }

    private static List<Path> classFiles(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static Path compile(String module, Path temp) throws Exception {
        Path out = temp.resolve(module);
        Compilation.Result result = Compilation.compile(Compilation.javaFiles(Cohorts.KIT.resolve(module).resolve("src/main/java")), "", out);
        assertTrue(result.ok(), () -> module + " does not compile: " + result.errors());
        return out;
    }
}
