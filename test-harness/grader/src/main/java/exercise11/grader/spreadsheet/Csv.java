package exercise11.grader.spreadsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every CSV file the grader writes (the gradebook, the Canvas and Moodle imports, the similarity pairs) goes through
 * here, so that a spreadsheet opening it shows each cell and runs none.
 *
 * <p>Excel, LibreOffice and Google Sheets evaluate a cell whose text starts with {@code =}, {@code +}, {@code -} or
 * {@code @}, and some of them also after a leading tab, carriage return or NUL (OWASP, "CSV Injection"; ASVS 1.2.10). A student
 * controls a submission's folder name, its file names and its exceptions' messages, so a text cell starting so is
 * written with a leading apostrophe, which every spreadsheet shows as text; a number ({@code -3}, {@code 88.5}) is
 * left as it is. An identifier (a submission's name, a roster's student id or e-mail) is never altered, since an
 * import must match it: {@link #unsafeIdentifier} says why one cannot be written, and the caller refuses it.
 */
public final class Csv {

    /** The characters that make a spreadsheet read a cell as a formula when they start it. */
    public static final String FORMULA_STARTS = "=+-@\t\r\0";
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private final StringBuilder text = new StringBuilder();

    /** A file with the header {@code columns}. */
    public Csv(List<String> columns) {
        row(columns);
    }

    /** Add a row; each cell is made safe with {@link #cell}. */
    public Csv row(List<String> cells) {
        List<String> safe = new ArrayList<>(cells.size());
        cells.forEach(c -> safe.add(cell(c)));
        try {
            new CSVPrinter(text, FORMAT).printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return this;
    }

    /** The file's text: UTF-8 once written, one {@code \n} after each row. */
    @Override
    public String toString() {
        return text.toString();
    }

    /** {@code value} as a spreadsheet will show it and not run it: a leading apostrophe before a formula's start. */
    public static String cell(String value) {
        return startsAFormula(value) ? "'" + value : value;
    }

    /**
     * Why {@code identifier} cannot go into a CSV file unchanged, if it cannot: it starts as a formula, or it holds a
     * control character (a line break would split its row).
     */
    public static Optional<String> unsafeIdentifier(String identifier) {
        if (startsAFormula(identifier)) {
            char first = identifier.charAt(0);
            return Optional.of("it starts with " + (first == '\t' ? "a tab" : first == '\r' ? "a carriage return" : first == 0 ? "a NUL" : "'" + first + "'")
                    + ", which a spreadsheet would run as a formula");
        }
        if (identifier.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("it holds a control character (a line break or the like)");
        }
        return Optional.empty();
    }

    private static boolean startsAFormula(String value) {
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 && !NUMBER.matcher(value).matches();
    }
}
