package exercise11.harness;

import java.util.concurrent.ThreadLocalRandom;
import org.quicktheories.QuickTheory;

/** Entry point of the property checks: QuickTheories with one seed per run, printed and settable. */
public final class PropertyChecks {

    /** System property that fixes the seed, to replay a run: {@code -Dexercise11.seed=...}. */
    public static final String SEED_PROPERTY = "exercise11.seed";

    private static final long SEED = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());

    private PropertyChecks() {
    }

    /** Return the seed of this run's property checks. */
    public static long seed() {
        return SEED;
    }

    /** Start a property check with {@code examples} tries and this run's seed. */
    public static QuickTheory qt(int examples) {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(examples);
    }
}
