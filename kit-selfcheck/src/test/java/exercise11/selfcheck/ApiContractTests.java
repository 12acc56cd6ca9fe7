package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.Compilation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Starter and solution")
class ApiContractTests {

    @Test
    @DisplayName("expose the same public classes, fields, constructors and methods")
    void exposeTheSameApi(@TempDir Path temp) throws Exception {
        Set<String> starter = publicApi(compile("exercise-11-starter", temp));
        Set<String> solution = publicApi(compile("exercise-11-solution", temp));
        assertTrue(solution.size() > 20, "expected the solution's API, found " + solution);
        assertEquals(solution, starter, "the starter's public API must be the solution's");
    }

    private static Path compile(String module, Path temp) throws Exception {
        Path out = temp.resolve(module);
        Compilation.Result result = Compilation.compile(Compilation.javaFiles(Cohorts.KIT.resolve(module).resolve("src/main/java")), "", out);
        assertTrue(result.ok(), () -> module + " does not compile: " + result.errors());
        return out;
    }

    private static Set<String> publicApi(Path classes) throws Exception {
        Set<String> api = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
             var files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                Class<?> type = Class.forName(name, false, loader);
                if (!Modifier.isPublic(type.getModifiers())) {
                    continue;
                }
                api.add(Modifier.toString(type.getModifiers()) + " class " + name + " extends " + type.getSuperclass());
                for (Field f : type.getDeclaredFields()) {
                    if (Modifier.isPublic(f.getModifiers())) {
                        api.add(name + " field " + Modifier.toString(f.getModifiers()) + " " + f.getGenericType().getTypeName() + " " + f.getName());
                    }
                }
                for (Constructor<?> c : type.getDeclaredConstructors()) {
                    if (Modifier.isPublic(c.getModifiers())) {
                        api.add(name + " constructor " + Arrays.toString(c.getGenericParameterTypes()));
                    }
                }
                for (Method m : type.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers())) {
                        api.add(name + " method " + Modifier.toString(m.getModifiers()) + " " + m.getGenericReturnType().getTypeName()
                                + " " + m.getName() + Arrays.toString(m.getGenericParameterTypes())
                                + " throws " + Arrays.toString(m.getGenericExceptionTypes()));
                    }
                }
            }
        }
        return api;
    }
}
