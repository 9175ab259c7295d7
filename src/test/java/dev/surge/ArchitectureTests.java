package dev.surge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import dev.surge.platform.errors.SurgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, kept by tests that fail on a shortcut: web code never reads data rows, domain code
 * never sees the web's request types, classes stay readable in one sitting, parameter lists stay short,
 * errors are typed classes of the platform's kinds, and Redis scripts live in {@code .lua} files.
 * Spring Modulith's module boundaries are checked by {@link ModularityTests}.
 */
class ArchitectureTests {

    /** Above this, a class must say why in a comment that starts with {@link #SIZE_EXCEPTION}. */
    static final int MAX_LINES = 300;
    static final String SIZE_EXCEPTION = "// Longer than 300 lines:";
    static final int MAX_PARAMETERS = 6;

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.surge");

    @Test
    void webCodeNeverSeesDataRows() {
        noClasses().that().resideInAPackage("dev.surge..web..")
                .should().dependOnClassesThat().resideInAPackage("dev.surge..data..")
                .because("handlers map domain types; rows stay behind the domain")
                .check(MAIN);
    }

    @Test
    void domainCodeNeverSeesRequests() {
        noClasses().that().resideInAPackage("dev.surge..domain..")
                .should().dependOnClassesThat()
                .resideInAPackage("org.springframework.web.reactive.function.server..")
                .because("the domain is called with parsed values, never with a ServerRequest")
                .check(MAIN);
    }

    @Test
    void parameterListsStayShort() {
        ArchCondition<JavaCodeUnit> shortList = new ArchCondition<>("have at most " + MAX_PARAMETERS + " parameters") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                int count = unit.getRawParameterTypes().size();
                if (count > MAX_PARAMETERS) {
                    events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " has " + count + " parameters"));
                }
            }
        };
        DescribedPredicate<JavaCodeUnit> written = DescribedPredicate.describe("written by hand", unit ->
                !unit.getModifiers().contains(JavaModifier.SYNTHETIC) && !unit.getName().startsWith("lambda$")
                        && !recordConstructor(unit));
        ArchRuleDefinition.codeUnits().that(written).should(shortList)
                .because("a long parameter list wants a record").check(MAIN);
    }

    /** A record's canonical constructor lists its components: a record is the cure for long lists, not a case of one. */
    private static boolean recordConstructor(JavaCodeUnit unit) {
        JavaClass owner = unit.getOwner();
        return unit.isConstructor() && owner.isRecord();
    }

    /**
     * Errors are typed classes: a module's error extends one of the platform's kinds and is thrown by its
     * own name, so no code outside {@code platform.errors} calls a kind's constructor except from the
     * constructor of its own subclass ({@code super(...)}).
     */
    @Test
    void errorsAreTypedClasses() {
        ArchCondition<JavaClass> onlySuperCalls = new ArchCondition<>("construct platform error kinds only through super(...)") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaConstructorCall call : type.getConstructorCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    // The kinds are SurgeException's permitted subclasses; typed errors of the platform
                    // (ValidationFailed) are thrown by their own names like any module's.
                    boolean kind = target.getRawSuperclass().map(parent -> parent.isEquivalentTo(SurgeException.class))
                            .orElse(false);
                    boolean superCall = call.getOrigin().isConstructor() && type.getRawSuperclass()
                            .map(parent -> parent.equals(target)).orElse(false);
                    if (kind && !superCall) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()
                                + ": give the error a class of its own in the module's errors holder"));
                    }
                }
            }
        };
        ArchRuleDefinition.classes().that().resideOutsideOfPackage("dev.surge.platform.errors..")
                .should(onlySuperCalls).check(MAIN);
    }

    @Test
    void classesStayReadableInOneSitting() {
        List<String> tooLong = sources().filter(file -> {
            List<String> lines = lines(file);
            return lines.size() > MAX_LINES && lines.stream().noneMatch(line -> line.strip().startsWith(SIZE_EXCEPTION));
        }).map(file -> file + " (" + lines(file).size() + " lines)").toList();
        assertThat(tooLong).as("classes over %d lines without a comment saying why", MAX_LINES).isEmpty();
    }

    /**
     * Router beans are plain tables of routes: {@code platform.web.FlatRoutes} tries them as a table, which
     * would skip a router-level filter (no visitor sees one). Cross-cutting work goes in a WebFilter or the handler.
     */
    @Test
    void routerBeansDeclareNoFilters() {
        List<String> filterMethods = List.of("filter", "before", "after", "onError", "filters");
        noClasses().should().callMethodWhere(DescribedPredicate.describe("a router function's filter methods",
                        call -> filterMethods.contains(call.getTarget().getName())
                                && (call.getTargetOwner().isAssignableTo(
                                        org.springframework.web.reactive.function.server.RouterFunction.class)
                                        || call.getTargetOwner().isAssignableTo(
                                        org.springframework.web.reactive.function.server.RouterFunctions.Builder.class)
                                        || call.getTargetOwner().getName().startsWith("org.springdoc."))))
                .because("FlatRoutes tries a bean's routes as a table, which a filter would be missing from")
                .check(MAIN);
    }

    /**
     * With context propagation on ({@code spring.reactor.context-propagation: limited}), Reactor restores every
     * thread local (observation scope, trace context, MDC) around each call of {@code handle}, and
     * {@code mapNotNull} is a {@code handle}: 4 % of a flash-sale attempt's CPU went to one in
     * {@code Principals}. Use filter and map, or {@code flatMap(x -> Mono.justOrEmpty(...))}; {@code handle} is
     * for code that logs inside it and needs the request's ids in the MDC, off the hot paths, listed here.
     */
    @Test
    void handleOnlyWhereItsThreadLocalsAreWanted() {
        List<String> allowed = List.of(
                "dev.surge.catalog.domain.CatalogService", // its DEBUG line, only when DEBUG is on
                "dev.surge.platform.web.BodySizeLimitFilter", // bodies without a declared length only
                "dev.surge.payments.gateway.GatewayHttp"); // provider answers: a network call per call anyway
        noClasses().that(DescribedPredicate.describe("not allowed to", (JavaClass c) ->
                        allowed.stream().noneMatch(name -> c.getName().equals(name) || c.getName().startsWith(name + "$"))))
                .should().callMethodWhere(DescribedPredicate.describe("Reactor's handle or mapNotNull",
                        call -> List.of("handle", "mapNotNull").contains(call.getTarget().getName())
                                && List.of("reactor.core.publisher.Mono", "reactor.core.publisher.Flux")
                                        .contains(call.getTargetOwner().getName())))
                .because("Reactor restores every thread local around each call of handle (and mapNotNull)")
                .check(MAIN);
    }

    @Test
    void redisScriptsLiveInLuaFiles() {
        List<String> inline = sources().filter(file -> lines(file).stream().anyMatch(line -> line.contains("redis.call(")))
                .map(Path::toString).toList();
        assertThat(inline).as("Java sources with Lua in them (put it in src/main/resources/redis/<module>/)").isEmpty();
    }

    private static Stream<Path> sources() {
        try {
            return Files.walk(Path.of("src/main/java")).filter(path -> path.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
