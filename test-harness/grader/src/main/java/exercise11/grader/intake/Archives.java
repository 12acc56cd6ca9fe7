package exercise11.grader.intake;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Date;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpack a student's {@code .zip} or {@code .tar.gz} through Apache Commons Compress, one code path for both, with
 * the same limits: at most {@link #MAX_UNPACKED_BYTES} in all and {@link #MAX_ENTRIES} entries, every path inside
 * the target folder, and nothing made but folders and regular files (an archive that holds a link, a device, a
 * pipe or any other special entry is refused whole, before anything of that entry is written).
 */
final class Archives {

    /** The most an archive may unpack to. */
    static final long MAX_UNPACKED_BYTES = 50L * 1024 * 1024;
    /** The most entries an archive may hold; the starter has about 30 files. */
    static final int MAX_ENTRIES = 10_000;

    /** The archive formats a submission may come in. */
    enum Format {
        ZIP("zip"), TAR_GZ("tar.gz");

        private final String word;

        Format(String word) {
            this.word = word;
        }
    }

    private Archives() {
    }

    /** Unpack {@code archive} into the new folder {@code target}, within the limits, or throw with why not. */
    static void unpack(Path archive, Format format, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (Source in = open(archive, format)) {
            long total = 0;
            int entries = 0;
            for (ArchiveEntry e = in.next(); e != null; e = in.next()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IOException("the " + format.word + " holds more than " + MAX_ENTRIES + " entries");
                }
                Path out = root.resolve(e.getName()).normalize();
                if (!out.startsWith(root) || (out.equals(root) && !e.isDirectory())) {
                    throw new IOException("the " + format.word + " holds a path outside its folder: " + e.getName());
                }
                String special = special(e);
                if (!special.isEmpty()) {
                    throw new IOException("the " + format.word + " holds " + special + " (" + e.getName()
                            + "); only folders and regular files are unpacked");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                if (!in.canRead(e)) {
                    throw new IOException("the " + format.word + "'s entry " + e.getName() + " cannot be read (encrypted,"
                            + " or packed in a way not supported)");
                }
                Files.createDirectories(out.getParent());
                total += copyBounded(in.data(e), out, MAX_UNPACKED_BYTES - total, format);
                Date modified = e.getLastModifiedDate();
                if (modified != null && modified.getTime() > 0) {
                    Files.setLastModifiedTime(out, FileTime.fromMillis(modified.getTime()));
                }
            }
        }
    }

    /** An archive's entries in the order they lie, and each one's data. */
    private interface Source extends Closeable {

        /** The next entry, or null after the last. */
        ArchiveEntry next() throws IOException;

        /** Whether the entry's data can be read (not encrypted, a supported method). */
        boolean canRead(ArchiveEntry entry);

        /** The data of {@code entry}, the entry {@link #next} returned last; the caller closes it. */
        InputStream data(ArchiveEntry entry) throws IOException;
    }

    private static Source open(Path archive, Format format) throws IOException {
        return switch (format) {
            // The central directory, which alone records a zip entry's Unix mode (so a link is seen for what it is).
            case ZIP -> {
                ZipFile zip = ZipFile.builder().setPath(archive).get();
                Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
                yield new Source() {
                    @Override
                    public ArchiveEntry next() {
                        return entries.hasMoreElements() ? entries.nextElement() : null;
                    }

                    @Override
                    public boolean canRead(ArchiveEntry entry) {
                        return zip.canReadEntryData((ZipArchiveEntry) entry);
                    }

                    @Override
                    public InputStream data(ArchiveEntry entry) throws IOException {
                        return zip.getInputStream((ZipArchiveEntry) entry);
                    }

                    @Override
                    public void close() throws IOException {
                        zip.close();
                    }
                };
            }
            // The tar stream itself is bounded too: a gzip bomb hidden in what the reader skips still stops.
            case TAR_GZ -> {
                InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar;
                try {
                    tar = new TarArchiveInputStream(new Bounded(new GzipCompressorInputStream(file, true),
                            2 * MAX_UNPACKED_BYTES + 1024L * MAX_ENTRIES));
                } catch (IOException notGzip) {
                    file.close();
                    throw new IOException("the tar.gz is not gzip-compressed: " + notGzip.getMessage(), notGzip);
                }
                yield new Source() {
                    @Override
                    public ArchiveEntry next() throws IOException {
                        return tar.getNextEntry();
                    }

                    @Override
                    public boolean canRead(ArchiveEntry entry) {
                        return tar.canReadEntryData(entry);
                    }

                    @Override
                    public InputStream data(ArchiveEntry entry) {
                        return new FilterInputStream(tar) {
                            @Override
                            public void close() {
                                // the tar stream goes on to the next entry; it is closed with the source
                            }
                        };
                    }

                    @Override
                    public void close() throws IOException {
                        tar.close();
                    }
                };
            }
        };
    }

    /** What a special (neither folder nor regular file) entry is, in words, or empty for a folder or a file. */
    private static String special(ArchiveEntry e) {
        if (e instanceof TarArchiveEntry tar) {
            if (tar.isSymbolicLink()) {
                return "a link to " + tar.getLinkName();
            }
            if (tar.isLink()) {
                return "a hard link to " + tar.getLinkName();
            }
            if (tar.isCharacterDevice() || tar.isBlockDevice()) {
                return "a device";
            }
            if (tar.isFIFO()) {
                return "a pipe";
            }
            if (!tar.isDirectory() && !tar.isFile()) {
                return "a special entry";
            }
        }
        if (e instanceof ZipArchiveEntry zip) {
            if (zip.isUnixSymlink()) {
                return "a link";
            }
            int type = zip.getUnixMode() & 0170000;
            if (zip.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && type != 0 && type != 0100000 && type != 0040000) {
                return "a special entry";
            }
        }
        return "";
    }

    private static long copyBounded(InputStream in, Path out, long allowed, Format format) throws IOException {
        byte[] buffer = new byte[8192];
        long written = 0;
        try (in; OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > allowed) {
                    throw tooBig(format);
                }
                os.write(buffer, 0, n);
            }
        }
        return written;
    }

    private static IOException tooBig(Format format) {
        return new IOException("the " + format.word + " unpacks to more than " + MAX_UNPACKED_BYTES / (1024 * 1024) + " MB");
    }

    /** A stream that fails once more than its bound has been read from it. */
    private static final class Bounded extends FilterInputStream {
        private final long bound;
        private long read;

        Bounded(InputStream in, long bound) {
            super(in);
            this.bound = bound;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(0, n));
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > bound) {
                throw tooBig(Format.TAR_GZ);
            }
        }
    }
}
