package exercise11.grader.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Apply the {@link Policy} to a submission's compiled classes: read each class with ASM and name every use of a
 * class or member that the policy does not allow, with the source file and line, in words for a student.
 */
public final class PolicyCheck {

    /** One use the policy refuses: where it is, the class it uses, and what and why in words. */
    public record Violation(String sourceFile, int line, String api, String text) {

        /** {@code UdpServer.java:42: java.lang.Runtime.exec is not allowed here: ...}. */
        @Override
        public String toString() {
            return sourceFile + (line > 0 ? ":" + line : "") + ": " + text;
        }
    }

    private final Policy policy;
    /**
     * What the kit's own copy of each given method uses ({@code exercise11.Settings#load()Lexercise11/Settings;} to
     * {@code java.lang.Class#getResourceAsStream(Ljava/lang/String;)Ljava/io/InputStream;}): a student's copy of that
     * method may keep using it, and nothing more.
     */
    private final Map<String, Set<String>> given;

    private PolicyCheck(Policy policy, Map<String, Set<String>> given) {
        this.policy = policy;
        this.given = given;
    }

    /** A check with {@code policy}, the given code's uses read from the kit's classes compiled into {@code kitClasses}. */
    public static PolicyCheck of(Policy policy, Path kitClasses) throws IOException {
        Map<String, Set<String>> given = new TreeMap<>();
        for (Path file : classFiles(kitClasses)) {
            ClassNode node = read(file);
            String className = Type.getObjectType(node.name).getClassName();
            for (MethodNode method : node.methods) {
                if (policy.isGiven(className, node.sourceFile, method.name)) {
                    given.put(className + "#" + method.name + method.desc, usesOf(method));
                }
            }
        }
        for (String method : policy.givenMethods()) {
            if (given.keySet().stream().noneMatch(key -> key.startsWith(method + "("))) {
                throw new IllegalStateException("the policy names given code " + method + ", which the kit's classes lack");
            }
        }
        return new PolicyCheck(policy, Map.copyOf(given));
    }

    /** Every violation in the classes under {@code classes}, by source file and line. */
    public List<Violation> check(Path classes) throws IOException {
        List<Violation> violations = new ArrayList<>();
        for (Path file : classFiles(classes)) {
            ClassNode node = read(file);
            String className = Type.getObjectType(node.name).getClassName();
            String source = node.sourceFile == null ? file.getFileName().toString() : node.sourceFile;
            checkClass(node, className, source, violations);
        }
        violations.sort(java.util.Comparator.comparing(Violation::sourceFile).thenComparingInt(Violation::line));
        return violations;
    }

    private void checkClass(ClassNode node, String className, String source, List<Violation> violations) {
        int classLine = firstLine(node);
        List<String> supers = new ArrayList<>();
        if (node.superName != null) {
            supers.add(node.superName);
        }
        supers.addAll(node.interfaces);
        for (String type : supers) {
            String superName = Type.getObjectType(type).getClassName();
            policy.refusal(superName, null, null).ifPresent(why -> violations.add(new Violation(source, classLine, superName,
                    "class " + simple(className) + " builds on " + superName + ", which is not allowed here: " + why)));
        }
        for (MethodNode method : node.methods) {
            if ((method.access & Opcodes.ACC_NATIVE) != 0) {
                violations.add(new Violation(source, classLine, "native code", "method " + method.name
                        + " is declared native, which is not allowed here: native code runs outside every check"));
                continue;
            }
            checkMethod(method, given.getOrDefault(className + "#" + method.name + method.desc, Set.of()), source, violations);
        }
    }

    private void checkMethod(MethodNode method, Set<String> granted, String source, List<Violation> violations) {
        int line = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            } else if (insn instanceof MethodInsnNode call) {
                if (!granted.contains(call.owner + "#" + call.name + call.desc)) {
                    use(call.owner, call.name, call.desc, source, line, violations);
                }
            } else if (insn instanceof FieldInsnNode field) {
                if (!granted.contains(field.owner + "#" + field.name + field.desc)) {
                    use(field.owner, field.name, field.desc, source, line, violations);
                }
            } else if (insn instanceof InvokeDynamicInsnNode dynamic) {
                Handle bootstrap = dynamic.bsm;
                String owner = Type.getObjectType(bootstrap.getOwner()).getClassName();
                if (!policy.acceptsBootstrap(owner, bootstrap.getName())) {
                    violations.add(new Violation(source, line, owner, "the dynamic call through " + owner + "." + bootstrap.getName()
                            + " is not allowed here: method handles"));
                }
                for (Object argument : dynamic.bsmArgs) {
                    if (argument instanceof Handle target) { // a lambda's body, or a method reference
                        use(target.getOwner(), target.getName(), target.getDesc(), source, line, violations);
                    }
                }
            } else if (insn instanceof LdcInsnNode constant
                    && (constant.cst instanceof Handle || constant.cst instanceof ConstantDynamic
                    || constant.cst instanceof Type type && type.getSort() == Type.METHOD)) {
                violations.add(new Violation(source, line, "java.lang.invoke", "a method handle constant is not allowed here: method handles"));
            }
        }
    }

    private void use(String owner, String member, String descriptor, String source, int line, List<Violation> violations) {
        if (owner.startsWith("[")) {
            return; // an array's own methods (clone)
        }
        String className = Type.getObjectType(owner).getClassName();
        Optional<String> why = policy.refusal(className, member, descriptor);
        if (why.isPresent()) {
            String what = member.equals("<init>") ? "new " + className + "(...)" : className + "." + member;
            violations.add(new Violation(source, line, className, what + " is not allowed here: " + why.get()));
        }
    }

    private static int firstLine(ClassNode node) {
        int first = 0;
        for (MethodNode method : node.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LineNumberNode number && (first == 0 || number.line < first)) {
                    first = number.line;
                }
            }
        }
        return first;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The class files under {@code folder}, sorted. */
    public static List<Path> classFiles(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static ClassNode read(Path file) throws IOException {
        ClassNode node = new ClassNode();
        new ClassReader(Files.readAllBytes(file)).accept(node, ClassReader.SKIP_FRAMES);
        return node;
    }

    /** Every method and field a method uses, as {@code owner#name descriptor} in internal form. */
    private static Set<String> usesOf(MethodNode method) {
        Set<String> uses = new java.util.HashSet<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call) {
                uses.add(call.owner + "#" + call.name + call.desc);
            } else if (insn instanceof FieldInsnNode field) {
                uses.add(field.owner + "#" + field.name + field.desc);
            }
        }
        return Set.copyOf(uses);
    }
}
