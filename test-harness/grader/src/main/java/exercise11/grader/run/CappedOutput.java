package exercise11.grader.run;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Standard output and error of the checks' JVM, capped at the source: the first bytes up to a limit (both streams
 * together) go through, the rest is counted and dropped. A submission that prints gigabytes costs its own time, not the
 * grader's disk or memory, and the grader learns how much it printed.
 */
final class CappedOutput {

    private final long limit;
    private final Runnable onceCut;
    private final AtomicLong total = new AtomicLong();
    private final AtomicBoolean cut = new AtomicBoolean();

    private CappedOutput(long limit, Runnable onceCut) {
        this.limit = limit;
        this.onceCut = onceCut;
    }

    /** Replace {@code System.out} and {@code System.err} by capped streams; {@code onceCut} runs when the cap is first hit. */
    static CappedOutput install(long limit, Runnable onceCut) {
        CappedOutput capped = new CappedOutput(limit, onceCut);
        Charset charset = Charset.defaultCharset();
        System.setOut(new PrintStream(capped.over(new FileOutputStream(FileDescriptor.out)), true, charset));
        System.setErr(new PrintStream(capped.over(new FileOutputStream(FileDescriptor.err)), true, charset));
        return capped;
    }

    /** How many bytes were printed in all, kept or not. */
    long total() {
        return total.get();
    }

    private OutputStream over(OutputStream real) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                long before = total.getAndAdd(length);
                long keep = Math.max(0, Math.min(length, limit - before));
                if (keep > 0) {
                    real.write(bytes, offset, (int) keep);
                }
                if (keep < length && cut.compareAndSet(false, true)) {
                    onceCut.run();
                }
            }

            @Override
            public void flush() throws IOException {
                real.flush();
            }
        };
    }
}
