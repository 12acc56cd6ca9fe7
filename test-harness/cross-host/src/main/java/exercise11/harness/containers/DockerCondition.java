package exercise11.harness.containers;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets tests marked {@link RequiresDocker} run where Docker can host them. Elsewhere they are skipped with a reason
 * that says what is missing and what to do (printed once, and shown again in the summary), or, where CI set
 * {@value DockerEnvironment#REQUIRE_ENV}, they fail, so that CI cannot pass without them unnoticed.
 */
public final class DockerCondition implements ExecutionCondition {

    /** Start of the reason of every test skipped for want of Docker. */
    public static final String SKIPPED = "skipped: these checks need Docker: ";

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> problem = DockerEnvironment.problem();
        if (problem.isEmpty()) {
            return ConditionEvaluationResult.enabled("Docker can host these checks");
        }
        if (DockerEnvironment.required()) {
            throw new ExtensionConfigurationException(DockerEnvironment.REQUIRE_ENV + " is set, so the checks that"
                    + " need Docker must run, but they cannot: " + problem.get());
        }
        if (TOLD.compareAndSet(false, true)) {
            CrossHostTier.out().println(CrossHostTier.PREFIX + SKIPPED + problem.get());
        }
        return ConditionEvaluationResult.disabled(SKIPPED + problem.get());
    }
}
