package exercise11.harness.containers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of cross-host checks: they run only where Docker can host them (else they are skipped, with a
 * reason a student can act on, or fail where CI requires them), carry the tag {@value #TAG}, and report their
 * image, their times and how many of them ran.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag(CrossHostChecks.TAG)
@ExtendWith(CrossHostTier.class)
public @interface CrossHostChecks {

    /** The tag of every cross-host check: {@code mvn verify -Dgroups=containers} runs only them. */
    String TAG = "containers";
}
