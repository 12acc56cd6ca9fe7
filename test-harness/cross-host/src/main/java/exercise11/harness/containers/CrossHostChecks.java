package exercise11.harness.containers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of cross-host checks: they run only where Docker can host them ({@link RequiresDocker}), and report
 * their image, their times and how many of them ran.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequiresDocker
@ExtendWith(CrossHostTier.class)
public @interface CrossHostChecks {
}
