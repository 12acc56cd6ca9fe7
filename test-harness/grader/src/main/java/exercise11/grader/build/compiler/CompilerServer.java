package exercise11.grader.build.compiler;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The main class of a warm compiler process: reads compile requests on standard input, runs {@code javac} on each
 * with exactly the arguments the command line would get, and answers on standard output with the exit code and what
 * {@code javac} printed, which is word for word what the {@code javac} command prints.
 *
 * <p>A request is a count of arguments, then each argument ({@link DataOutputStream#writeUTF}). An answer is the exit
 * code, the number of bytes printed, then those bytes (UTF-8). The process ends when its standard input ends, so it
 * never outlives the grader. Nothing of one compile is kept for the next but what the JDK caches of itself (the
 * platform's class signatures for {@code --release}): every compile gets a context and file manager of its own, and
 * with {@code -proc:none} no code of a submission runs here.
 */
public final class CompilerServer {

    /** The most of {@code javac}'s output one answer carries: far more than 20 errors with their lines. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;

    private CompilerServer() {
    }

    public static void main(String[] args) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // The answers own standard output; anything else that prints goes to standard error.
        DataOutputStream answers = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err);
        DataInputStream requests = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        while (true) {
            String[] arguments;
            try {
                arguments = new String[requests.readInt()];
            } catch (EOFException e) {
                return; // the grader closed the pipe, or ended
            }
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = requests.readUTF();
            }
            Capped printed = new Capped();
            int code;
            try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                code = javac.run(null, out, out, arguments);
            }
            answers.writeInt(code);
            answers.writeInt(printed.size());
            printed.writeTo(answers);
            answers.flush();
        }
    }

    /** Keeps the first {@link #MAX_OUTPUT_BYTES} written to it and drops the rest. */
    private static final class Capped extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            if (kept.size() < MAX_OUTPUT_BYTES) {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            kept.write(b, off, Math.max(0, Math.min(len, MAX_OUTPUT_BYTES - kept.size())));
        }

        int size() {
            return kept.size();
        }

        void writeTo(OutputStream out) throws IOException {
            kept.writeTo(out);
        }
    }
}
