package exercise11.harness.platform;

import exercise11.harness.Outcome;
import java.lang.reflect.AnnotatedElement;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Before a check annotated {@link RestsOn} runs, make sure this machine shows what it rests on ({@link Probe}).
 *
 * <p>Where a behaviour is absent, a student's run reports the check <em>not on this machine</em>
 * ({@link Outcome.NotOnThisMachine}) with what this machine does instead; a grading run (the property
 * {@value #GRADING_PROPERTY} is {@code true}: {@code bin/grade}, the Classroom workflow, Gradescope) never skips, and
 * fails the check with {@link MachineCannotGrade}, which stops the run as a whole. Where every behaviour holds, the
 * check runs as written. The kit's CI sets {@value #REQUIRE_VARIABLE} to get the grading run's rule on every build.
 */
public final class OnThisMachine implements BeforeEachCallback {

    /** System property that says the checks are grading: {@code -Dexercise11.grading=true}. */
    public static final String GRADING_PROPERTY = "exercise11.grading";
    /**
     * Environment variable that, set to {@code 1}, makes an absent behaviour fail the checks that rest on it on any
     * run, as a grading run does: the kit's CI sets it, so that a probe misled by a loaded machine fails the build
     * instead of skipping checks unnoticed.
     */
    public static final String REQUIRE_VARIABLE = "EXERCISE11_REQUIRE_LOOPBACK";

    @Override
    public void beforeEach(ExtensionContext context) {
        Set<Behaviour> needed = EnumSet.noneOf(Behaviour.class);
        context.getTestMethod().ifPresent(m -> needed.addAll(restsOn(m)));
        for (Optional<Class<?>> type = context.getTestClass(); type.isPresent(); type = Optional.ofNullable(type.get().getEnclosingClass())) {
            needed.addAll(restsOn(type.get()));
        }
        for (Behaviour behaviour : needed) {
            Finding finding = Probe.of(behaviour);
            if (!finding.holds()) {
                if (grading() || required()) {
                    throw new MachineCannotGrade(finding.cannotGrade());
                }
                throw new Outcome.NotOnThisMachine(finding.notHere());
            }
        }
    }

    /** Whether this run grades ({@value #GRADING_PROPERTY}): then an absent behaviour is an error, never a skip. */
    public static boolean grading() {
        return Boolean.parseBoolean(System.getProperty(GRADING_PROPERTY, "false"));
    }

    /** Whether {@value #REQUIRE_VARIABLE} asks that no check be skipped for an absent behaviour. */
    static boolean required() {
        return "1".equals(System.getenv(REQUIRE_VARIABLE));
    }

    /** The behaviours {@code element}'s own {@link RestsOn} names. */
    public static List<Behaviour> restsOn(AnnotatedElement element) {
        RestsOn restsOn = element.getAnnotation(RestsOn.class);
        return restsOn == null ? List.of() : List.of(restsOn.value());
    }

    /** Ends a graded check on a machine that lacks what it rests on: the machine, not the student, is at fault. */
    public static final class MachineCannotGrade extends AssertionFailedError {
        private static final long serialVersionUID = 1L;

        MachineCannotGrade(String message) {
            super(message);
        }
    }
}
