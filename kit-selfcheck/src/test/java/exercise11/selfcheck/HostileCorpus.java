package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.report.Reports;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;

/**
 * Attacks on the grader. Each is the untouched starter (an honest 0) plus one attack, so each must score exactly 0,
 * its reason must name what it used ({@link Attack#expectedInReason}), and its harm check must find no harm.
 * {@link HostileCorpusTests} grades them as one cohort, {@link HostileCorpusSandboxTests} the same with --sandbox;
 * honest controls in the same cohort must keep their scores.
 *
 * <p>Attack code goes into the starter's {@code UdpServer.formatLine} (run once, by the checks' JVM) unless said
 * otherwise. In it, {@code @MARKER@} is a file the attack writes only if it succeeds, {@code @TAG@} a text its
 * processes carry, {@code @PORT@} a TCP port the test listens on, {@code @SCRIPT@} the attack's shell script.
 */
public final class HostileCorpus {

    static final String CONTROL_SOLUTION = "control-solution";
    static final String CONTROL_CHATTY = "control-chatty";
    static final String CONTROL_STARTER = "control-starter";
    static final String VICTIM = "zz-victim";
    static final String HIDDEN_CHECK = "serverPrintsBroadcastsAsUtf8";

    private static final String SERVER = "UdpServer.java";
    private static final String STUB_8 = "        throw new UnsupportedOperationException(\"TODO 8: ";
    private static final String CONSTRUCTOR = "    private UdpServer() {\n";
    private static final String ONCE = "    static final java.util.concurrent.atomic.AtomicBoolean ONCE = new java.util.concurrent.atomic.AtomicBoolean();\n";
    /** How long after grading the harm checks look: what an attack left running has had time to act. */
    private static final long SETTLE_MILLIS = 3_000;

    private HostileCorpus() {
    }

    /** One attack: how it is written into the cohort, what the grader's reason must name, and the harm it must not do. */
    public record Attack(String slug, String description, String expectedInReason, Writer writer, Harm harm) {
    }

    /** Writes an attack's submission into the cohort folder. */
    @FunctionalInterface
    interface Writer {
        void write(Scene scene, String slug) throws Exception;
    }

    /** Fails if the attack did what it tried. */
    @FunctionalInterface
    interface Harm {
        void check(Scene scene, Cohorts.Graded graded, String slug) throws Exception;
    }

    /** Where one graded cohort lives, and what its attacks are given. */
    record Scene(Path base, Path cohort, Path out, Path harm, String tagPrefix, Listener listener, Map<String, Long> workPeaks) {

        /** The text the processes of {@code slug} carry. */
        String tag(String slug) {
            return tagPrefix + slug;
        }

        /** The file the attack {@code slug} writes only if it succeeds. */
        Path marker(String slug) {
            return harm.resolve(slug).resolve("marker.txt");
        }

        /** The file the tmp-flood attack writes. */
        Path tmpFile(String slug) {
            return Path.of("/tmp", tag(slug) + ".bin");
        }
    }

    /** The whole corpus. */
    public static List<Attack> attacks() {
        List<Attack> all = new ArrayList<>();
        // --- Files the grader does not take (Intake) ---
        all.add(new Attack("grader-class-copy", "ships its own exercise11.grader.result.CheckResult whose results all say PASSED",
                "exercise11/grader/result/CheckResult.java", (s, slug) -> {
                    Path folder = starter(s, slug);
                    write(folder.resolve("src/main/java/exercise11/grader/result/CheckResult.java"), FORGED_CHECK_RESULT);
                }, passesNoMoreThanTheStarter()));
        all.add(new Attack("junit-engine-class", "ships org.junit.platform.engine.TestExecutionResult whose status is always SUCCESSFUL",
                "org/junit/platform/engine/TestExecutionResult.java", (s, slug) -> {
                    Path folder = starter(s, slug);
                    write(folder.resolve("src/main/java/org/junit/platform/engine/TestExecutionResult.java"), FORGED_JUNIT_RESULT);
                }, passesNoMoreThanTheStarter()));
        all.add(new Attack("junit-class-in-exercise-folder",
                "declares org.junit.platform.engine.TestExecutionResult in a file of src/main/java/exercise11",
                "org.junit.platform.engine.TestExecutionResult", (s, slug) -> {
                    Path folder = starter(s, slug);
                    write(folder.resolve("src/main/java/exercise11/TestExecutionResult.java"), FORGED_JUNIT_RESULT);
                }, passesNoMoreThanTheStarter()));
        all.add(new Attack("junit-extension-services",
                "ships a compiled JUnit InvocationInterceptor that skips every check, registered in META-INF/services",
                "META-INF/services", HostileCorpus::writeExtension, passesNoMoreThanTheStarter()));
        all.add(new Attack("links-to-solution", "UdpClient.java and UdpServer.java are links to the kit's solution (a classmate's)",
                "UdpClient.java (a link)", (s, slug) -> {
                    Path folder = starter(s, slug);
                    for (String file : List.of("UdpClient.java", SERVER)) {
                        Path own = folder.resolve("src/main/java/exercise11").resolve(file);
                        Files.delete(own);
                        Files.createSymbolicLink(own, Cohorts.KIT.resolve("exercise-11-solution/src/main/java/exercise11").resolve(file));
                    }
                }, passesNoMoreThanTheStarter()));
        all.add(new Attack("resource-links", "settings/udp.properties links to /etc/hostname, another resource to /proc/self/cmdline; both printed",
                "udp.properties (a link)", (s, slug) -> {
                    Path folder = starter(s, slug, null, """
                            StringBuilder found = new StringBuilder();
                            for (String name : new String[] {"/settings/udp.properties", "/cmdline.txt"}) {
                                try (java.io.InputStream in = UdpServer.class.getResourceAsStream(name)) {
                                    String got = in == null ? "null" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                                    found.append("LEAK[").append(got.replace((char) 0, ' ').strip()).append("] ");
                                }
                            }
                            leak = found.toString();
                            """, "");
                    Path resources = folder.resolve("src/main/resources");
                    Files.delete(resources.resolve("settings/udp.properties"));
                    Files.createSymbolicLink(resources.resolve("settings/udp.properties"), Path.of("/etc/hostname"));
                    Files.createSymbolicLink(resources.resolve("cmdline.txt"), Path.of("/proc/self/cmdline"));
                }, (s, g, slug) -> {
                    String feedback = feedback(s, slug);
                    String host = Files.isReadable(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).strip() : "";
                    assertFalse(Pattern.compile("LEAK\\[[^\\]]*(java|surefire" + (host.isEmpty() ? "" : "|" + Pattern.quote(host)) + ")")
                            .matcher(feedback).find(), "the host's files were read through the links: " + lines(feedback, "LEAK["));
                }));
        all.add(new Attack("oversized-source", "UdpServer.java is the full solution padded past 64 KB with a comment", "KB", (s, slug) -> {
            Path folder = starter(s, slug);
            String solution = Files.readString(Cohorts.KIT.resolve("exercise-11-solution/src/main/java/exercise11").resolve(SERVER));
            write(folder.resolve("src/main/java/exercise11").resolve(SERVER),
                    solution + "/*\n" + ("padding ".repeat(15) + "\n").repeat(600) + "*/\n");
        }, passesNoMoreThanTheStarter()));
        all.add(new Attack("fifo-source", "src/main/java/exercise11/Extra.java is a FIFO that blocks whoever opens it",
                "not a regular file", (s, slug) -> {
                    Path folder = starter(s, slug);
                    run(folder, "mkfifo", folder.resolve("src/main/java/exercise11/Extra.java").toString());
                }, endsWithin(30)));
        all.add(new Attack("given-cli-modified", "changes the given Cli.java: its static initializer writes a file",
                "Cli.java", (s, slug) -> Variant.ofStarter(slug).replace("Cli.java", "    private Cli(Map<String, String> values, boolean help) {\n",
                        fill("""
                                    static {
                                        try {
                                            java.nio.file.Files.writeString(java.nio.file.Path.of(@MARKER@), "the given code was changed");
                                        } catch (Throwable ignored) {
                                            // keep the class loadable
                                        }
                                    }

                                    private Cli(Map<String, String> values, boolean help) {
                                """, s, slug, "")).writeTo(Cohorts.KIT, s.cohort()),
                noMarker()));
        all.add(new Attack("slow-to-compile", "COMPILE TIME: a 0.3 KB class whose nested generic conditionals take javac about a minute",
                "compil", (s, slug) -> {
                    Path folder = starter(s, slug);
                    String body = "1";
                    for (int i = 0; i < 12; i++) {
                        body = "id(true ? " + body + " : id(2))";
                    }
                    write(folder.resolve("src/main/java/exercise11/Slow.java"), "package exercise11;\n\nfinal class Slow {\n"
                            + "    static <T> T id(T t) {\n        return t;\n    }\n\n    static Object slow() {\n        return " + body
                            + ";\n    }\n}\n");
                }, endsWithin(90)));
        all.add(new Attack("zip-slip", "a zip whose entry ../../../../harm/zip-slip/marker.txt points outside its folder", "outside",
                (s, slug) -> {
                    Path unzipped = s.out().resolve("work").resolve(slug).resolve("unzipped");
                    zipStarter(s.cohort().resolve(slug + ".zip"), unzipped.relativize(s.marker(slug)).toString(),
                            "slipped out".getBytes(StandardCharsets.UTF_8), 1);
                }, noMarker()));
        all.add(new Attack("zip-bomb", "a 200 KB zip that unpacks to 200 MB (the grader's bound is 50 MB)", "MB", (s, slug) -> {
            zipStarter(s.cohort().resolve(slug + ".zip"), "src/main/resources/padding.bin", new byte[1 << 20], 200);
        }, all(endsWithin(30), outFolderBelow(55 << 20))));
        // --- Cheating from inside the checks' JVM ---
        all.add(new Attack("forges-results-file",
                "reads the results file's path from ProcessHandle, appends PASSED for every planned check, halts",
                "java.lang.ProcessHandle", formatLine("""
                        String[] args = ProcessHandle.current().info().arguments().orElse(new String[0]);
                        java.nio.file.Path results = java.nio.file.Path.of(args[args.length - 1]);
                        java.util.List<String> forged = new java.util.ArrayList<>();
                        for (String line : java.nio.file.Files.readAllLines(results)) {
                            String[] f = line.split(String.valueOf((char) 9), -1);
                            if (f.length == 8 && f[0].equals("PLAN")) {
                                f[0] = "DONE";
                                f[5] = "PASSED";
                                f[6] = "";
                                forged.add(String.join(String.valueOf((char) 9), f));
                            }
                        }
                        java.nio.file.Files.write(results, forged, java.nio.file.StandardOpenOption.APPEND);
                        Runtime.getRuntime().halt(0);
                        """), passesNoMoreThanTheStarter()));
        all.add(new Attack("loads-reference-classes",
                "formatLine loads the grader's compiled solution (work/.reference/classes) with a URLClassLoader and calls it",
                "java.net.URLClassLoader", (s, slug) -> Variant.ofStarter(slug).replace(SERVER, STUB_8, """
                        try {
                            java.nio.file.Path at = java.nio.file.Path.of(System.getProperty("user.dir")).toAbsolutePath();
                            while (at != null && !java.nio.file.Files.isDirectory(at.resolve("work/.reference/classes"))) {
                                at = at.getParent();
                            }
                            java.net.URLClassLoader borrowed = new java.net.URLClassLoader(new java.net.URL[] {
                                at.resolve("work/.reference/classes").toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                            return (String) borrowed.loadClass("exercise11.UdpServer")
                                    .getMethod("formatLine", InetSocketAddress.class, String.class).invoke(null, source, text);
                        } catch (Throwable notThere) {
                            // fall through to the stub
                        }
                """ + STUB_8).writeTo(Cohorts.KIT, s.cohort()), passesNoMoreThanTheStarter()));
        all.add(new Attack("copies-classmate-grade",
                "leaves a process that copies control-solution's checks.tsv over its own once both are written",
                "java.lang.ProcessBuilder", formatLine(WALK_TO_OUT + """
                        new ProcessBuilder("setsid", "sh", "-c", @SCRIPT@, @TAG@, at.resolve("students").toString(), @SELF@)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                        """, """
                        s="$1"; me="$2"; i=0
                        while [ $i -lt 4500 ]; do
                          if [ -f "$s/control-solution/checks.tsv" ] && [ -f "$s/$me/checks.tsv" ]; then
                            sed "1s/^STUDENT\\tcontrol-solution\\t/STUDENT\\t$me\\t/" "$s/control-solution/checks.tsv" > "$s/$me/forged" \\
                              && mv "$s/$me/forged" "$s/$me/checks.tsv"
                          fi
                          sleep 0.2; i=$((i+1))
                        done
                        """), all(passesNoMoreThanTheStarter(), noProcess())));
        all.add(new Attack("reflects-hidden-check", "lists the hidden check's methods by reflection and throws them as its message",
                "java.lang.Class", formatLine("""
                        StringBuilder names = new StringBuilder("the hidden checks are:");
                        for (java.lang.reflect.Method m : Class.forName("exercise11.checks.HiddenProgramTests").getDeclaredMethods()) {
                            names.append(' ').append(m.getName());
                        }
                        leak = names.toString();
                        """), feedbackLacks(HIDDEN_CHECK)));
        all.add(new Attack("reads-checks-bytes", "reads the hidden check's class file through the class loader and throws its names",
                "java.lang.ClassLoader", formatLine("""
                        try (java.io.InputStream in = Thread.currentThread().getContextClassLoader()
                                .getResourceAsStream("exercise11/checks/HiddenProgramTests.class")) {
                            String bytes = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                            java.util.regex.Matcher m = java.util.regex.Pattern.compile("server[A-Za-z0-9]+").matcher(bytes);
                            StringBuilder found = new StringBuilder("read from the checks' class file:");
                            while (m.find()) {
                                found.append(' ').append(m.group());
                            }
                            leak = found.toString();
                        }
                        """), feedbackLacks(HIDDEN_CHECK)));
        all.add(new Attack("reads-hidden-source", "walks up from the classpath to the kit's hidden check source and throws its method names",
                "java.nio.file.Files", formatLine("""
                        search:
                        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                            for (java.nio.file.Path at = java.nio.file.Path.of(entry).toAbsolutePath(); at != null; at = at.getParent()) {
                                java.nio.file.Path hidden = at.resolve("test-harness/checks/hidden/java/exercise11/checks/HiddenProgramTests.java");
                                if (java.nio.file.Files.isRegularFile(hidden)) {
                                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("void ([A-Za-z0-9]+)[(]")
                                            .matcher(java.nio.file.Files.readString(hidden));
                                    StringBuilder found = new StringBuilder("read from the kit's sources:");
                                    while (m.find()) {
                                        found.append(' ').append(m.group(1));
                                    }
                                    leak = found.toString();
                                    break search;
                                }
                            }
                        }
                        """), feedbackLacks(HIDDEN_CHECK)));
        all.add(new Attack("fakes-summary", "swallows System.out and System.err, then prints a fake all-passed summary",
                "java.lang.System", formatLine("""
                        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                        java.io.PrintStream real = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
                        real.println("Exercise 11 checks: 68 passed, 0 failed, 0 pending " + @TAG@);
                        real.println("[  1/1] " + @SELF@ + " 100.0 %  graded " + @TAG@);
                        """), all(passesNoMoreThanTheStarter(), logAndReportsLackTag())));
        // --- Leaving the JVM early ---
        all.add(new Attack("exit-in-static-init", "System.exit(0) in a static initializer of UdpServer", "java.lang.System",
                staticInit("System.exit(0);\n"), notReportedComplete()));
        all.add(new Attack("method-ref-exit", "calls System.exit through a method reference (IntConsumer exit = System::exit)",
                "java.lang.System", formatLine("""
                        java.util.function.IntConsumer exit = System::exit;
                        exit.accept(0);
                        """), notReportedComplete()));
        all.add(new Attack("endless-thread", "starts a non-daemon thread that never ends", "java.lang.Thread", formatLine("""
                Thread forever = new Thread(() -> {
                    while (true) {
                        try {
                            Thread.sleep(1_000);
                        } catch (InterruptedException again) {
                            // never stop
                        }
                    }
                }, @TAG@);
                forever.setDaemon(false);
                forever.start();
                """), all(endsWithin(50), (s, g, slug) -> assertFalse(g.of(slug).reason().contains("time limit"), g.of(slug).reason()))));
        // --- Running other programs ---
        all.add(new Attack("setsid-survivor", "starts setsid sh -c 'sleep 1800; echo ... > FILE', which outlives grading",
                "java.lang.ProcessBuilder", formatLine("""
                        new ProcessBuilder("setsid", "sh", "-c", @SCRIPT@, @TAG@, @MARKER@)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                        """, "sleep 1800; echo survived > \"$1\"\n"), all(noProcess(), noMarker())));
        all.add(new Attack("fifty-sleepers", "starts 50 sh -c 'sleep 1800' processes", "java.lang.Runtime", formatLine("""
                for (int i = 0; i < 50; i++) {
                    Runtime.getRuntime().exec(new String[] {"sh", "-c", "sleep 1800; :", @TAG@ + "-" + i});
                }
                """), noProcess()));
        all.add(new Attack("main-execs", "UdpServer.main runs Runtime.exec(touch FILE) before run()", "java.lang.Runtime",
                (s, slug) -> Variant.ofStarter(slug).replace(SERVER, "        System.exit(run(args, Cli.utf8Stdout(), Cli.utf8Stderr()));\n",
                        fill("""
                                        try {
                                            Runtime.getRuntime().exec(new String[] {"touch", @MARKER@}).waitFor();
                                        } catch (Throwable ignored) {
                                            // run as usual
                                        }
                                        System.exit(run(args, Cli.utf8Stdout(), Cli.utf8Stderr()));
                                """, s, slug, "")).writeTo(Cohorts.KIT, s.cohort()), noMarker()));
        all.add(new Attack("method-handles-exec", "runs touch FILE through MethodHandles (Runtime.getRuntime, Runtime.exec)",
                "java.lang.invoke.MethodHandles", formatLine("""
                        java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
                        java.lang.invoke.MethodHandle runtime = lookup.findStatic(Runtime.class, "getRuntime",
                                java.lang.invoke.MethodType.methodType(Runtime.class));
                        java.lang.invoke.MethodHandle exec = lookup.findVirtual(Runtime.class, "exec",
                                java.lang.invoke.MethodType.methodType(Process.class, String[].class));
                        Process touch = (Process) exec.invoke((Runtime) runtime.invoke(), new String[] {"touch", @MARKER@});
                        touch.waitFor();
                        """), noMarker()));
        all.add(new Attack("reflective-exec", "runs touch FILE by reflection: Class.forName(\"java.lang.\" + \"Runtime\").getMethod(\"exec\", String.class)",
                "java.lang.Class", formatLine("""
                        Class<?> type = Class.forName("java.lang." + "Runtime");
                        Object runtime = type.getMethod("getRuntime").invoke(null);
                        Process touch = (Process) type.getMethod("exec", String.class).invoke(runtime, "touch " + @MARKER@);
                        touch.waitFor();
                        """), noMarker()));
        all.add(new Attack("native-library", "declares a native method and System.load()s a JNI library (built with gcc here) that writes a file",
                "native", HostileCorpus::writeNativeLibrary, noMarker()));
        all.add(new Attack("service-loader-compiler",
                "finds javac with ServiceLoader, compiles code kept in a string, and runs it (it writes a file)",
                "java.util.ServiceLoader", formatLine("""
                        for (javax.tools.JavaCompiler javac : java.util.ServiceLoader.load(javax.tools.JavaCompiler.class)) {
                            char q = 34;
                            System.setProperty("exercise11.hostile", @MARKER@);
                            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("generated");
                            java.nio.file.Path file = dir.resolve("Generated.java");
                            java.nio.file.Files.writeString(file, "public class Generated { static { try { java.nio.file.Files.writeString("
                                    + "java.nio.file.Path.of(System.getProperty(" + q + "exercise11.hostile" + q + ")), " + q
                                    + "generated code ran" + q + "); } catch (Exception e) { } } }");
                            if (javac.run(null, null, null, "-d", dir.toString(), file.toString()) == 0) {
                                Class.forName("Generated", true, new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}));
                            }
                            break;
                        }
                        """), noMarker()));
        all.add(new Attack("shutdown-hook", "a static initializer of UdpServer adds a shutdown hook that writes a file", "java.lang.Runtime",
                staticInit("""
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                            try {
                                java.nio.file.Files.writeString(java.nio.file.Path.of(@MARKER@), "hook ran");
                            } catch (Throwable ignored) {
                                // nothing to do
                            }
                        }));
                        """), noMarker()));
        // --- Files, memory and output ---
        all.add(new Attack("tmp-flood", "writes 200 MB to a file under /tmp", "java.io.FileOutputStream", formatLine("""
                byte[] block = new byte[1 << 20];
                java.util.Arrays.fill(block, (byte) 'x');
                try (java.io.FileOutputStream out = new java.io.FileOutputStream("/tmp/" + @TAG@ + ".bin")) {
                    for (int i = 0; i < 200; i++) {
                        out.write(block);
                    }
                }
                """), (s, g, slug) -> assertFalse(Files.exists(s.tmpFile(slug)), "the attack wrote " + s.tmpFile(slug))));
        all.add(new Attack("unsafe-native-memory", "allocates and touches 768 MB beyond -Xmx with sun.misc.Unsafe", "sun.misc.Unsafe",
                formatLine("""
                        java.lang.reflect.Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                        field.setAccessible(true);
                        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
                        long size = 768L << 20;
                        long memory = unsafe.allocateMemory(size);
                        unsafe.setMemory(memory, size, (byte) 1);
                        java.nio.file.Files.writeString(java.nio.file.Path.of(@MARKER@), "touched " + size + " bytes beyond the heap");
                        unsafe.freeMemory(memory);
                        """), noMarker()));
        all.add(new Attack("floods-output", "prints 2 GB to System.out, 1 MB a line", "output too long", formatLine("""
                String line = "y".repeat((1 << 20) - 1);
                for (int i = 0; i < 2048; i++) {
                    System.out.println(line);
                }
                """), outFolderBelow(5 << 20)));
        all.add(new Attack("dumps-environment", "writes System.getenv() and System.getProperties() to a file", "java.lang.System",
                formatLine("""
                        StringBuilder all = new StringBuilder();
                        System.getenv().forEach((k, v) -> all.append(k).append('=').append(v).append('\\n'));
                        System.getProperties().forEach((k, v) -> all.append(k).append('=').append(v).append('\\n'));
                        java.nio.file.Files.writeString(java.nio.file.Path.of(@MARKER@), all);
                        """), noMarker()));
        // --- Network ---
        all.add(new Attack("docker-socket", "sends GET /containers/json to /var/run/docker.sock and keeps the answer",
                "java.nio.channels.SocketChannel", formatLine("""
                        try (java.nio.channels.SocketChannel docker = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                            docker.connect(java.net.UnixDomainSocketAddress.of("/var/run/docker.sock"));
                            String crlf = new String(new char[] {13, 10});
                            docker.write(java.nio.ByteBuffer.wrap(("GET /containers/json HTTP/1.0" + crlf + "Host: docker" + crlf + crlf)
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                            java.nio.ByteBuffer reply = java.nio.ByteBuffer.allocate(1 << 16);
                            while (reply.hasRemaining() && docker.read(reply) > 0) {
                                // read what the daemon says
                            }
                            String got = new String(reply.array(), 0, reply.position(), java.nio.charset.StandardCharsets.ISO_8859_1);
                            System.out.println(got);
                            if (!got.isEmpty()) {
                                java.nio.file.Files.writeString(java.nio.file.Path.of(@MARKER@), got);
                            }
                        }
                        """), noMarker()));
        all.add(new Attack("tcp-socket", "opens a TCP java.net.Socket to 127.0.0.1 and sends a line", "java.net.Socket", formatLine("""
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", @PORT@)) {
                    socket.getOutputStream().write((@TAG@ + " over TCP").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                """), listenerHeardNothing()));
        all.add(new Attack("url-open-stream", "opens new java.net.URL(\"http://127.0.0.1:PORT/...\").openStream()", "java.net.URL",
                formatLine("""
                        try (java.io.InputStream in = new java.net.URL("http://127.0.0.1:" + @PORT@ + "/" + @TAG@).openStream()) {
                            in.readAllBytes();
                        }
                        """), listenerHeardNothing()));
        // --- Classmates and the grader's own files ---
        all.add(new Attack("kills-victim-jvm", "leaves a process that kill -9s every process whose command line names work/zz-victim/",
                "java.lang.ProcessBuilder", formatLine(WALK_TO_OUT + """
                        new ProcessBuilder("setsid", "sh", "-c", @SCRIPT@, @TAG@, at.toString(), @MARKER@)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                        """, """
                        pattern="$1/work/zz-victim/"; i=0
                        while [ $i -lt 9000 ]; do
                          for f in $(grep -laF -- "$pattern" /proc/[0-9]*/cmdline 2>/dev/null); do
                            p="${f#/proc/}"; p="${p%/cmdline}"
                            [ "$p" != "$$" ] && kill -9 "$p" 2>/dev/null && echo "killed $p" >> "$2"
                          done
                          sleep 0.1; i=$((i+1))
                        done
                        """), all(noMarker(), noProcess())));
        all.add(new Attack("rewrites-victim-reports",
                "leaves a process that overwrites students/zz-victim/feedback.md and results.json once they are written",
                "java.nio.file.Files", formatLine(WALK_TO_OUT + """
                        java.nio.file.Path victim = at.resolve("students/zz-victim");
                        new ProcessBuilder("setsid", "sh", "-c", @SCRIPT@, @TAG@, victim.toString())
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                        """, """
                        v="$1"; i=0
                        while [ $i -lt 9000 ]; do
                          for f in "$v/feedback.md" "$v/results.json"; do
                            if [ -f "$f" ] && ! grep -qF -- "$0" "$f"; then echo "$0: rewritten by a classmate" > "$f"; fi
                          done
                          sleep 0.1; i=$((i+1))
                        done
                        """), all(victimReportsUntouched(), noProcess())));
        // Named to be graded just before the victim: it breaks every submission graded after it.
        all.add(new Attack("zy-moves-shared-checks", "renames the grader's shared compiled checks (work/.reference/checks)",
                "java.nio.file.Files", formatLine(WALK_TO_OUT + """
                        java.nio.file.Path checks = at.resolve("work/.reference/checks");
                        java.nio.file.Files.move(checks, checks.resolveSibling("checks-moved-by-" + @TAG@));
                        java.nio.file.Files.writeString(java.nio.file.Path.of(@MARKER@), "moved " + checks);
                        """), noMarker()));
        return List.copyOf(all);
    }

    /** Walks up from the working folder to the grader's output folder (the one with work/.reference); leaves it in {@code at}. */
    private static final String WALK_TO_OUT = """
            java.nio.file.Path at = java.nio.file.Path.of(System.getProperty("user.dir")).toAbsolutePath();
            while (at != null && !java.nio.file.Files.isDirectory(at.resolve("work/.reference"))) {
                at = at.getParent();
            }
            """;

    private static final String FORGED_CHECK_RESULT = """
            package exercise11.grader.result;

            import exercise11.harness.Dependencies;
            import exercise11.harness.Outcome;
            import java.util.List;

            /** The grader's CheckResult, except that every check passed. */
            public record CheckResult(String className, String method, String name, List<Integer> todos, Outcome status,
                                      String message, long millis) {

                public CheckResult {
                    status = Outcome.PASSED;
                    message = "";
                }

                public String key() {
                    return Dependencies.keyOf(className) + "#" + method;
                }

                public CheckResult with(Outcome newStatus, String newMessage) {
                    return this;
                }

                public String toLine() {
                    return String.join("\\t", className, method, name.replace("\\t", " "), "", "PASSED", "", "0");
                }
            }
            """;

    private static final String FORGED_JUNIT_RESULT = """
            package org.junit.platform.engine;

            import java.util.Optional;

            /** JUnit's TestExecutionResult, except that every test succeeded. */
            public final class TestExecutionResult {

                public enum Status { SUCCESSFUL, ABORTED, FAILED }

                private static final TestExecutionResult SUCCESS = new TestExecutionResult();

                public static TestExecutionResult successful() {
                    return SUCCESS;
                }

                public static TestExecutionResult aborted(Throwable throwable) {
                    return SUCCESS;
                }

                public static TestExecutionResult failed(Throwable throwable) {
                    return SUCCESS;
                }

                public Status getStatus() {
                    return Status.SUCCESSFUL;
                }

                public Optional<Throwable> getThrowable() {
                    return Optional.empty();
                }
            }
            """;

    // ---------------------------------------------------------------------------------------------------------------
    // Writing the cohort

    /** The honest submissions graded with the attacks. */
    static List<Variant> controls() {
        return List.of(
                Variant.ofSolution(CONTROL_SOLUTION),
                Variant.ofStarter(CONTROL_STARTER),
                // About 4 MB of leftover debug prints, once per JVM, from a method the checks call.
                Variant.ofSolution(CONTROL_CHATTY).replace(SERVER, CONSTRUCTOR, ONCE + "\n" + CONSTRUCTOR).replace(SERVER,
                        "        return \"('\" + source.getAddress()", """
                                if (ONCE.compareAndSet(false, true)) {
                                    String dashes = "-".repeat(4_000);
                                    for (int i = 0; i < 500; i++) {
                                        System.out.println("debug out " + i + " " + dashes);
                                        System.err.println("debug err " + i + " " + dashes);
                                    }
                                }
                                return "('" + source.getAddress()
                        """),
                Variant.ofSolution(VICTIM));
    }

    private static Path starter(Scene scene, String slug) throws IOException {
        return Variant.ofStarter(slug).writeTo(Cohorts.KIT, scene.cohort());
    }

    /** The starter with {@code fields} added to UdpServer and {@code code} run once at the start of formatLine. */
    private static Path starter(Scene scene, String slug, String fields, String code, String script) throws IOException {
        return Variant.ofStarter(slug)
                .replace(SERVER, CONSTRUCTOR, ONCE + (fields == null ? "" : fill(fields, scene, slug, script)) + "\n" + CONSTRUCTOR)
                .replace(SERVER, STUB_8, """
                                String leak = null;
                                if (ONCE.compareAndSet(false, true)) {
                                    try {
                        """ + indent(fill(code, scene, slug, script), 16) + """
                                    } catch (Throwable attackFailed) {
                                        // the attack did not get through; the stub follows
                                    }
                                }
                                if (leak != null) {
                                    throw new IllegalStateException(leak);
                                }
                        """ + STUB_8)
                .writeTo(Cohorts.KIT, scene.cohort());
    }

    private static Writer formatLine(String code) {
        return formatLine(code, "");
    }

    private static Writer formatLine(String code, String script) {
        return (s, slug) -> starter(s, slug, null, code, script);
    }

    private static Writer staticInit(String code) {
        return (s, slug) -> Variant.ofStarter(slug).replace(SERVER, CONSTRUCTOR, "    static {\n        try {\n"
                + indent(fill(code, s, slug, ""), 12) + "        } catch (Throwable attackFailed) {\n"
                + "            // the attack did not get through\n        }\n    }\n\n" + CONSTRUCTOR).writeTo(Cohorts.KIT, s.cohort());
    }

    private static void writeExtension(Scene scene, String slug) throws Exception {
        Path folder = starter(scene, slug);
        Path resources = folder.resolve("src/main/resources");
        Path source = Files.createDirectories(scene.base().resolve("build").resolve(slug)).resolve("SkipAll.java");
        Files.writeString(source, """
                package exercise11;

                import java.lang.reflect.Method;
                import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
                import org.junit.jupiter.api.extension.ExtensionContext;
                import org.junit.jupiter.api.extension.InvocationInterceptor;
                import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

                /** Skips every check's body and every set-up: each check then passes. */
                public final class SkipAll implements InvocationInterceptor {
                    @Override
                    public void interceptBeforeAllMethod(Invocation<Void> i, ReflectiveInvocationContext<Method> c, ExtensionContext e) {
                        i.skip();
                    }

                    @Override
                    public void interceptBeforeEachMethod(Invocation<Void> i, ReflectiveInvocationContext<Method> c, ExtensionContext e) {
                        i.skip();
                    }

                    @Override
                    public void interceptTestMethod(Invocation<Void> i, ReflectiveInvocationContext<Method> c, ExtensionContext e) {
                        i.skip();
                    }

                    @Override
                    public void interceptTestTemplateMethod(Invocation<Void> i, ReflectiveInvocationContext<Method> c, ExtensionContext e) {
                        i.skip();
                    }

                    @Override
                    public void interceptDynamicTest(Invocation<Void> i, DynamicTestInvocationContext c, ExtensionContext e) {
                        i.skip();
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = Stream.of("org.junit.jupiter.api.extension.InvocationInterceptor", "org.junit.platform.commons.JUnitException",
                        "org.apiguardian.api.API", "org.opentest4j.TestAbortedException")
                .map(HostileCorpus::jarOf).flatMap(Optional::stream).collect(Collectors.joining(java.io.File.pathSeparator));
        int code = javac.run(null, null, null, "--release", "17", "-nowarn", "-proc:none", "-cp", classpath, "-d",
                resources.toString(), source.toString());
        assertEquals(0, code, "the attack's extension did not compile");
        write(resources.resolve("META-INF/services/org.junit.jupiter.api.extension.Extension"), "exercise11.SkipAll\n");
        write(resources.resolve("junit-platform.properties"), "junit.jupiter.extensions.autodetection.enabled=true\n");
    }

    private static void writeNativeLibrary(Scene scene, String slug) throws Exception {
        Optional<String> library = nativeLibrary(scene, slug);
        String load = library.isEmpty() ? "" : """
                byte[] library = java.util.Base64.getDecoder().decode(@LIBRARY@);
                java.nio.file.Path file = java.nio.file.Files.createTempFile("hostile", ".so");
                java.nio.file.Files.write(file, library);
                System.load(file.toString());
                """.replace("@LIBRARY@", javaString(library.get()));
        starter(scene, slug, "    static native int hostileNative();\n", load + "hostileNative();\n", "");
    }

    /** A JNI library whose one function writes the attack's marker, as base64; empty where gcc or jni.h is missing. */
    private static Optional<String> nativeLibrary(Scene scene, String slug) throws IOException, InterruptedException {
        Path include = Path.of(System.getProperty("java.home"), "include");
        if (!Files.isRegularFile(include.resolve("jni.h"))) {
            return Optional.empty();
        }
        Path build = Files.createDirectories(scene.base().resolve("build").resolve(slug));
        Path source = build.resolve("hostile.c");
        Files.writeString(source, "#include <jni.h>\n#include <stdio.h>\n\n"
                + "JNIEXPORT jint JNICALL Java_exercise11_UdpServer_hostileNative(JNIEnv *env, jclass type) {\n"
                + "    FILE *f = fopen(" + javaString(scene.marker(slug).toString()) + ", \"w\");\n"
                + "    if (f) {\n        fputs(\"native code ran\\n\", f);\n        fclose(f);\n    }\n    return 0;\n}\n");
        Path library = build.resolve("libhostile.so");
        try {
            Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-Os", "-s", "-I", include.toString(), "-I",
                    include.resolve("linux").toString(), "-o", library.toString(), source.toString()).redirectErrorStream(true).start();
            gcc.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                return Optional.empty();
            }
        } catch (IOException noCompiler) {
            return Optional.empty();
        }
        return Optional.of(Base64.getEncoder().encodeToString(Files.readAllBytes(library)));
    }

    private static Optional<String> jarOf(String className) {
        try {
            return Optional.of(Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The starter as a zip, with one more entry: {@code block} written {@code times} times. */
    private static void zipStarter(Path zip, String extra, byte[] block, int times) throws IOException {
        Path source = Cohorts.KIT.resolve("exercise-11-starter");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> files = Files.walk(source.resolve("src/main"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(source.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(extra));
            for (int i = 0; i < times; i++) {
                out.write(block);
            }
            out.closeEntry();
        }
    }

    /** Replace the placeholders of attack code. */
    private static String fill(String template, Scene scene, String slug, String script) {
        return template.replace("@MARKER@", javaString(scene.marker(slug).toString()))
                .replace("@TAG@", javaString(scene.tag(slug)))
                .replace("@SELF@", javaString(slug))
                .replace("@PORT@", Integer.toString(scene.listener().port()))
                .replace("@SCRIPT@", javaString(script));
    }

    /** {@code text} as a Java (or C) string literal. */
    static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
                .replace("\r", "\\r") + "\"";
    }

    private static String indent(String code, int spaces) {
        return code.lines().map(l -> l.isBlank() ? "" : " ".repeat(spaces) + l).collect(Collectors.joining("\n", "", "\n"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void run(Path folder, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Harm checks

    private static Harm all(Harm... harms) {
        return (s, g, slug) -> {
            for (Harm harm : harms) {
                harm.check(s, g, slug);
            }
        };
    }

    /** The attack's marker folder holds nothing. */
    static Harm noMarker() {
        return (s, g, slug) -> {
            try (Stream<Path> files = Files.walk(s.harm().resolve(slug))) {
                List<Path> left = files.filter(Files::isRegularFile).toList();
                assertTrue(left.isEmpty(), () -> "the attack wrote " + left + ": " + head(left.get(0)));
            }
        };
    }

    /** No process carries the attack's tag. */
    static Harm noProcess() {
        return (s, g, slug) -> {
            List<String> left = processesCarrying(s.tag(slug)).stream().map(p -> p.pid() + " " + commandLine(p)).toList();
            assertEquals(List.of(), left, "processes the attack left running");
        };
    }

    /** Every check the attack passed, the untouched starter passes too. */
    static Harm passesNoMoreThanTheStarter() {
        return (s, g, slug) -> {
            Set<String> more = passed(g.of(slug));
            more.removeAll(passed(g.of(CONTROL_STARTER)));
            assertEquals(Set.of(), more, "checks passed that the untouched starter does not pass");
        };
    }

    /** The attacker's feedback does not hold {@code text}. */
    static Harm feedbackLacks(String text) {
        return (s, g, slug) -> {
            String feedback = feedback(s, slug);
            assertFalse(feedback.contains(text), () -> "its feedback.md shows " + text + ": " + lines(feedback, text));
        };
    }

    /** The victim's reports hold no attack's tag. */
    static Harm victimReportsUntouched() {
        return (s, g, slug) -> {
            for (String file : List.of("feedback.md", "results.json")) {
                String text = Files.readString(s.out().resolve("students").resolve(VICTIM).resolve(file));
                assertFalse(text.contains(s.tagPrefix()), () -> "the victim's " + file + " was rewritten: " + lines(text, s.tagPrefix()));
            }
        };
    }

    /** The grader's folders for the attack (its work folder at its largest while grading, its reports) stay below {@code bytes}. */
    static Harm outFolderBelow(long bytes) {
        return (s, g, slug) -> {
            long work = s.workPeaks().getOrDefault(slug, 0L);
            long reports = size(s.out().resolve("students").resolve(slug));
            assertTrue(work + reports < bytes, () -> "the grader's folders for it held " + work / 1024 + " KB of work and "
                    + reports / 1024 + " KB of reports");
        };
    }

    /** Grading the attack took less than {@code seconds}. */
    static Harm endsWithin(double seconds) {
        return (s, g, slug) -> assertTrue(g.of(slug).seconds() < seconds,
                () -> "grading it took " + g.of(slug).seconds() + " s, more than " + seconds + " s");
    }

    /** A run cut short is never reported as complete. */
    static Harm notReportedComplete() {
        return (s, g, slug) -> assertFalse(g.of(slug).reason().startsWith("all checks ran"),
                () -> "the run ended early but the reason says: " + g.of(slug).reason());
    }

    /** The test's TCP listener heard nothing from the attack. */
    static Harm listenerHeardNothing() {
        return (s, g, slug) -> assertEquals(List.of(), s.listener().heard().stream().filter(t -> t.contains(s.tag(slug))).toList(),
                "the attack reached a TCP port on the grader's machine");
    }

    /** Neither the grader's log nor the attacker's reports carry what it printed. */
    static Harm logAndReportsLackTag() {
        return (s, g, slug) -> {
            assertFalse(g.log().contains(s.tag(slug)), () -> "the grader's log shows: " + lines(g.log(), s.tag(slug)));
            String feedback = feedback(s, slug);
            assertFalse(feedback.contains(s.tag(slug)), () -> "its feedback shows: " + lines(feedback, s.tag(slug)));
            String gradebook = Files.readString(s.out().resolve("gradebook.csv"));
            assertFalse(gradebook.contains(s.tag(slug)), () -> "the gradebook shows: " + lines(gradebook, s.tag(slug)));
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Grading and asserting

    /** A graded corpus: the scene and the results, read again after the attacks have had time to act. */
    static final class Run {
        private final Scene scene;
        private final Cohorts.Graded graded;

        Run(Scene scene, Cohorts.Graded graded) {
            this.scene = scene;
            this.graded = graded;
        }

        /** One test per attack: score exactly 0, the expected reason, no harm. */
        Stream<DynamicTest> attackTests() {
            return attacks().stream().map(a -> DynamicTest.dynamicTest(a.description(), () -> {
                StudentResult r = graded.of(a.slug());
                assertAll(a.slug(),
                        () -> assertTrue(r.score() == 0, () -> a.slug() + " scored " + r.score() + ": " + r.reason() + " " + passed(r)),
                        () -> assertTrue(r.reason().contains(a.expectedInReason()),
                                () -> "the reason should name '" + a.expectedInReason() + "': " + r.reason()),
                        () -> a.harm().check(scene, graded, a.slug()));
            }));
        }

        /** One test per honest control. */
        Stream<DynamicTest> controlTests() {
            return Stream.of(
                    DynamicTest.dynamicTest("the solution keeps 100 %", () -> assertFull(CONTROL_SOLUTION)),
                    DynamicTest.dynamicTest("a solution printing about 4 MB of debug lines keeps 100 %", () -> assertFull(CONTROL_CHATTY)),
                    DynamicTest.dynamicTest("the untouched starter scores 0", () -> assertEquals(0.0, graded.of(CONTROL_STARTER).score(), 1e-9)),
                    DynamicTest.dynamicTest("the starter's feedback does not name the hidden check",
                            () -> feedbackLacks(HIDDEN_CHECK).check(scene, graded, CONTROL_STARTER)),
                    DynamicTest.dynamicTest("the victim, graded last, keeps 100 % and its own reports", () -> {
                        assertFull(VICTIM);
                        victimReportsUntouched().check(scene, graded, VICTIM);
                    }));
        }

        private void assertFull(String student) {
            StudentResult r = graded.of(student);
            assertEquals(100.0, r.score(), 1e-9, () -> student + ": " + r.reason() + " " + notPassed(r));
        }

        /** Stop what the attacks left running, remove the file outside the work folder, close the listener. */
        void cleanUp() throws IOException {
            HostileCorpus.cleanUp(scene);
            scene.listener().close();
        }
    }

    /** Write the corpus and the controls as one cohort called {@code name}, and grade it with {@code extraArgs}. */
    static Run grade(String name, String... extraArgs) throws Exception {
        Path base = Path.of(System.getProperty("selfcheck.work", "target/selfcheck")).toAbsolutePath().resolve(name);
        // A tag of this folder's own, so that only what this test started is matched and stopped.
        String tagPrefix = "exercise11-hostile-" + Integer.toHexString(base.toString().hashCode()) + "-";
        Scene scene = new Scene(base, base.resolve("cohort"), base.resolve("grades"), base.resolve("harm"), tagPrefix, new Listener(),
                new ConcurrentHashMap<>());
        try {
            cleanUp(scene);
            Cohorts.deleteTree(base);
            Files.createDirectories(scene.cohort());
            for (Variant control : controls()) {
                control.writeTo(Cohorts.KIT, scene.cohort());
            }
            for (Attack attack : attacks()) {
                Files.createDirectories(scene.harm().resolve(attack.slug()));
                attack.writer().write(scene, attack.slug());
            }
            Cohorts.Graded first;
            Thread sampler = new Thread(() -> sampleWork(scene), "hostile-corpus work sampler");
            sampler.setDaemon(true);
            sampler.start();
            try {
                first = Cohorts.gradeFolder(scene.cohort(), scene.out(), extraArgs);
            } finally {
                sampler.interrupt();
                sampler.join(5_000);
            }
            Files.writeString(base.resolve("work-peaks.txt"), new java.util.TreeMap<>(scene.workPeaks()).entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue() / 1024 + " KB").collect(Collectors.joining("\n", "", "\n")));
            Thread.sleep(SETTLE_MILLIS);
            Map<String, StudentResult> again = new LinkedHashMap<>();
            for (String student : first.results().keySet()) {
                again.put(student, Reports.readRaw(scene.out().resolve("students").resolve(student).resolve("checks.tsv")));
            }
            return new Run(scene, new Cohorts.Graded(again, first.out(), first.log()));
        } catch (Exception | AssertionError e) {
            cleanUp(scene);
            scene.listener().close();
            throw e;
        }
    }

    /** Record the largest size each submission's work folder reaches, until interrupted. */
    private static void sampleWork(Scene scene) {
        Path work = scene.out().resolve("work");
        while (!Thread.currentThread().isInterrupted()) {
            try (Stream<Path> folders = Files.list(work)) {
                for (Path folder : folders.toList()) {
                    try {
                        scene.workPeaks().merge(folder.getFileName().toString(), size(folder), Math::max);
                    } catch (IOException | RuntimeException e) {
                        // being written or deleted: the next sample sees it
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not there yet, or being deleted
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void cleanUp(Scene scene) throws IOException {
        for (ProcessHandle p : processesCarrying(scene.tagPrefix())) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Attack attack : attacks()) {
            Files.deleteIfExists(scene.tmpFile(attack.slug()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Small helpers

    static List<ProcessHandle> processesCarrying(String text) {
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> commandLine(p).contains(text)).toList();
    }

    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    private static Set<String> passed(StudentResult r) {
        return r.checks().stream().filter(c -> c.check().status() == Outcome.PASSED).map(c -> c.check().key())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> notPassed(StudentResult r) {
        return r.checks().stream().filter(c -> c.check().status() != Outcome.PASSED)
                .map(c -> c.check().key() + " " + c.check().status() + " " + c.check().message().lines().findFirst().orElse(""))
                .toList();
    }

    private static String feedback(Scene scene, String slug) throws IOException {
        return Files.readString(scene.out().resolve("students").resolve(slug).resolve("feedback.md"));
    }

    private static String lines(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).limit(3).collect(Collectors.joining(" | "));
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(200), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** A TCP listener on loopback that keeps the first bytes of every connection. */
    static final class Listener implements AutoCloseable {
        private final ServerSocket server;
        private final List<String> heard = new CopyOnWriteArrayList<>();

        Listener() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::serve, "hostile-corpus listener");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> heard() {
            return List.copyOf(heard);
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(2_000);
                    byte[] buffer = new byte[4096];
                    int n = socket.getInputStream().read(buffer);
                    heard.add(n > 0 ? new String(buffer, 0, n, StandardCharsets.ISO_8859_1) : "(a connection that sent nothing)");
                } catch (IOException e) {
                    // closed, or a client that went away
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
