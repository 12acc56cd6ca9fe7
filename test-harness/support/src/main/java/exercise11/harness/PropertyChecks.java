package exercise11.harness;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.opentest4j.AssertionFailedError;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/** Entry point of the property checks: QuickTheories with one seed per run, printed and settable. */
public final class PropertyChecks {

    /** System property that fixes the seed, to replay a run: {@code -Dexercise11.seed=...}. */
    public static final String SEED_PROPERTY = "exercise11.seed";

    /**
     * How long a failed property may spend shrinking. Each shrink step runs the property again, and a step through
     * sockets that waits for a lost datagram takes seconds, so unbounded shrinking could eat a check's whole timeout.
     */
    public static final Duration SHRINK_BUDGET = Duration.ofSeconds(5);

    private static final long SEED = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());

    private PropertyChecks() {
    }

    /** Return the seed of this run's property checks. */
    public static long seed() {
        return SEED;
    }

    /**
     * Check {@code property} on {@code examples} values of {@code values}, shrinking a failure to its smallest value.
     *
     * <p>A TODO stub met on the way ends the check at once with that stub, instead of being shrunk as a failure.
     * Shrinking stops after {@link #SHRINK_BUDGET}: the smallest failing value found by then is reported. (QuickTheories
     * has no time limit on shrinking, and left alone it goes on for up to a million cycles; the budget ends its run.)
     */
    public static <T> void forAll(int examples, Gen<T> values, Consumer<T> property) {
        forAll(examples, values, property, SEED, System::nanoTime, SHRINK_BUDGET);
    }

    /**
     * {@link #forAll(int, Gen, Consumer)} with the seed, the clock (nanoseconds, as {@link System#nanoTime()}) and the
     * shrink budget given, so that the budget can be shown with a clock the caller controls.
     */
    static <T> void forAll(int examples, Gen<T> values, Consumer<T> property, long seed, LongSupplier clock,
            Duration shrinkBudget) {
        AtomicReference<RuntimeException> stub = new AtomicReference<>();
        AtomicReference<Long> shrinkingUntil = new AtomicReference<>(); // set at the first failure
        AtomicReference<Failure<T>> smallest = new AtomicReference<>(); // the last failure: the shrinker keeps only smaller ones
        BooleanSupplier outOfTime = () -> shrinkingUntil.get() != null && clock.getAsLong() - shrinkingUntil.get() > 0;
        Gen<T> bounded = new Gen<>() {
            @Override
            public T generate(RandomnessSource in) {
                if (outOfTime.getAsBoolean()) {
                    throw new BudgetSpent();
                }
                return values.generate(in);
            }

            @Override
            public String asString(T value) {
                return values.asString(value);
            }
        };
        try {
            QuickTheory.qt().withFixedSeed(seed).withExamples(examples).forAll(bounded).checkAssert(value -> {
                if (stub.get() != null) {
                    return;
                }
                if (outOfTime.getAsBoolean()) {
                    throw new BudgetSpent();
                }
                try {
                    property.accept(value);
                } catch (RuntimeException | AssertionError e) {
                    if (Todo.stubIn(e).isEmpty()) {
                        shrinkingUntil.compareAndSet(null, clock.getAsLong() + shrinkBudget.toNanos());
                        smallest.set(new Failure<>(value, e));
                        throw e;
                    }
                    stub.set(new UnsupportedOperationException(Todo.stubIn(e).get(), e));
                }
            });
        } catch (BudgetSpent spent) {
            Failure<T> failure = smallest.get();
            throw falsified(String.format(Locale.ROOT, "Property falsified (seed %d; shrinking stopped after its budget of"
                    + " %d ms) at the smallest value found, %s:", seed, shrinkBudget.toMillis(), values.asString(failure.value())),
                    failure.cause());
        } catch (AssertionError shrunk) {
            Failure<T> failure = smallest.get();
            if (failure == null) {
                throw shrunk;
            }
            throw falsified(String.format(Locale.ROOT, "Property falsified (seed %d) at the smallest value found, %s:", seed,
                    values.asString(failure.value())), failure.cause());
        }
        if (stub.get() != null) {
            throw stub.get();
        }
    }

    /**
     * The failure a student reads: what was falsified and at which value, then the check's own message, with the
     * stack frames of the exercise (the student's code and the check's line) only. QuickTheories' own message puts the
     * whole stack of the cause, JUnit's and the JDK's frames included, into the text.
     */
    private static AssertionFailedError falsified(String headline, Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        AssertionFailedError error = new AssertionFailedError(headline + System.lineSeparator() + message);
        error.setStackTrace(java.util.Arrays.stream(cause.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("exercise11.") && !frame.getClassName().startsWith("exercise11.harness."))
                .toArray(StackTraceElement[]::new));
        return error;
    }

    /** A value the property failed on, and how it failed. */
    private record Failure<T>(T value, Throwable cause) {
    }

    /** Ends QuickTheories' run once the shrink budget is spent: an Error, so that it is not taken for a failure. */
    private static final class BudgetSpent extends Error {
        private static final long serialVersionUID = 1L;

        BudgetSpent() {
            super("shrink budget spent", null, false, false);
        }
    }
}
