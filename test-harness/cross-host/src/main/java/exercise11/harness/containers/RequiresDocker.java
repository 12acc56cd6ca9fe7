package exercise11.harness.containers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that need Docker: they carry the tag {@value #TAG} and run only where {@link DockerCondition} finds
 * Docker able to host them; elsewhere they are skipped with a reason a student can act on, or fail where CI sets
 * {@value DockerEnvironment#REQUIRE_ENV}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag(RequiresDocker.TAG)
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {

    /** The tag of every test that needs Docker: {@code mvn verify -Dgroups=containers} runs only them. */
    String TAG = "containers";
}
