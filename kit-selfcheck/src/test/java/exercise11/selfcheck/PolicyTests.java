package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.build.Policy;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The allow-list's rules: how policy.txt is read and which rule decides a use. */
@DisplayName("The grader's allow-list (policy.txt)")
class PolicyTests {

    private static final Policy KIT = Policy.kit();

    @Test
    @DisplayName("a member rule beats its class's rule: System.out is allowed, System.exit is refused with the reason")
    void memberRulesWin() {
        assertEquals(Optional.empty(), KIT.refusal("java.lang.System", "out", "Ljava/io/PrintStream;"));
        Optional<String> exit = KIT.refusal("java.lang.System", "exit", "(I)V");
        assertTrue(exit.isPresent() && exit.get().contains("whole JVM"), () -> "System.exit: " + exit);
    }

    @Test
    @DisplayName("a descriptor prefix singles out one constructor: a PrintStream over a stream is fine, over a file name not")
    void descriptorPrefixes() {
        assertEquals(Optional.empty(), KIT.refusal("java.io.PrintStream", "<init>", "(Ljava/io/OutputStream;ZLjava/nio/charset/Charset;)V"));
        assertEquals(Optional.of("it opens a file"), KIT.refusal("java.io.PrintStream", "<init>", "(Ljava/lang/String;)V"));
    }

    @Test
    @DisplayName("a package pattern covers its classes; a class pattern wins over it; ** reaches sub-packages")
    void patterns() {
        assertEquals(Optional.empty(), KIT.refusal("java.util.ArrayList", "add", "(Ljava/lang/Object;)Z"));
        assertEquals(Optional.of("loading classes"), KIT.refusal("java.util.ServiceLoader", "load", "(Ljava/lang/Class;)Ljava/util/ServiceLoader;"));
        assertEquals(Optional.empty(), KIT.refusal("java.time.format.DateTimeFormatter", "ofPattern", "(Ljava/lang/String;)Ljava/time/format/DateTimeFormatter;"));
        assertEquals(Optional.of("files"), KIT.refusal("java.nio.file.attribute.PosixFilePermissions", "fromString", "(Ljava/lang/String;)Ljava/util/Set;"));
        assertEquals(Optional.empty(), KIT.refusal("java.nio.channels.ClosedChannelException", "<init>", "()V"));
        assertTrue(KIT.refusal("java.nio.channels.FileChannel", "open", "").isPresent(), "FileChannel is a file");
    }

    @Test
    @DisplayName("what no rule names is refused as not needed; the submission's own package, and only it, is allowed")
    void defaults() {
        assertEquals(Optional.of("this exercise does not need it"), KIT.refusal("org.junit.platform.launcher.core.LauncherFactory", "create", "()V"));
        assertEquals(Optional.empty(), KIT.refusal("exercise11.UdpClient", "encode", "(Ljava/lang/String;)[B"));
        assertTrue(KIT.refusal("exercise11.grader.result.CheckResult", "toLine", "()Ljava/lang/String;").isPresent(),
                "a sub-package of exercise11 is not the submission's own");
    }

    @Test
    @DisplayName("javac's bootstrap methods for string concatenation and lambdas are accepted; others are not")
    void bootstraps() {
        assertTrue(KIT.acceptsBootstrap("java.lang.invoke.StringConcatFactory", "makeConcatWithConstants"));
        assertTrue(KIT.acceptsBootstrap("java.lang.invoke.LambdaMetafactory", "metafactory"));
        assertTrue(!KIT.acceptsBootstrap("java.lang.invoke.ConstantBootstraps", "invoke"));
    }

    @Test
    @DisplayName("a line that is not a rule is an error that names its line")
    void malformedLines() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Policy.parse("allow java.util.*\npermit java.io.*\n"));
        assertTrue(unknown.getMessage().startsWith("policy line 2: unknown keyword permit"), unknown::getMessage);
        IllegalArgumentException noReason = assertThrows(IllegalArgumentException.class, () -> Policy.parse("deny java.io.File\n"));
        assertTrue(noReason.getMessage().contains("a deny needs ' : WHY'"), noReason::getMessage);
    }
}
