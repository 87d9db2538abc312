package dev.minitls.crypto.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minitls.crypto.VectorFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Runs one Wycheproof file ({@code ../shared/vectors/wycheproof}) as one dynamic test per case, followed by a
 * summary that prints how many ran, how many behaved as expected and how many did not apply to minitls.
 */
final class Wycheproof {

    /** One test case and the group it belongs to. */
    record Case(JsonNode group, JsonNode test) {

        byte[] bytes(String field) {
            return VectorFiles.hex(test.get(field));
        }

        int tcId() {
            return test.get("tcId").asInt();
        }

        String result() {
            return test.get("result").asText();
        }

        /** True for a valid case, false for an invalid one; fails on an acceptable one, which needs a decision. */
        boolean valid() {
            assertThat(result()).as("result of tcId %d", tcId()).isIn("valid", "invalid");
            return result().equals("valid");
        }

        boolean hasFlag(String flag) {
            for (JsonNode f : test.get("flags")) {
                if (f.asText().equals(flag)) {
                    return true;
                }
            }
            return false;
        }

        String displayName() {
            return "tcId " + tcId() + " " + result() + " " + test.get("flags") + " " + test.get("comment").asText();
        }
    }

    /** What a case must do. */
    @FunctionalInterface
    interface Check {
        void verify(Case c) throws Throwable;
    }

    private final String provider;
    private final String file;
    private int run;
    private int asExpected;

    private Wycheproof(String provider, String file) {
        this.provider = provider;
        this.file = file;
    }

    /** Every case of {@code file}. */
    static Stream<DynamicTest> run(String provider, String file, Check check) {
        return run(provider, file, group -> true, "", check);
    }

    /** The cases of the groups that {@code applies} accepts; the others are counted as skipped for {@code why}. */
    static Stream<DynamicTest> run(String provider, String file, Predicate<JsonNode> applies, String why,
            Check check) {
        return new Wycheproof(provider, file).tests(VectorFiles.read("wycheproof/" + file), applies, why, check);
    }

    private Stream<DynamicTest> tests(JsonNode root, Predicate<JsonNode> applies, String why, Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        int skipped = 0;
        for (JsonNode group : root.get("testGroups")) {
            if (!applies.test(group)) {
                skipped += group.get("tests").size();
                continue;
            }
            for (JsonNode test : group.get("tests")) {
                Case c = new Case(group, test);
                tests.add(dynamicTest(c.displayName(), counted(c, check)));
            }
        }
        int notApplicable = skipped;
        tests.add(dynamicTest("summary", () -> summarize(root.get("numberOfTests").asInt(), notApplicable, why)));
        return tests.stream();
    }

    /** Counts the case, and names it in a failure, since reports may show a dynamic test only by its number. */
    private Executable counted(Case c, Check check) {
        return () -> {
            run++;
            try {
                check.verify(c);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(file + " " + c.displayName() + ": " + e, e);
            }
            asExpected++;
        };
    }

    private void summarize(int numberOfTests, int skipped, String why) {
        String line = "[" + provider + "] " + file + ": " + run + " run, " + asExpected + " as expected";
        System.out.println(skipped == 0 ? line : line + ", " + skipped + " skipped (" + why + ")");
        assertThat(run).as("cases run").isPositive();
        assertThat(run + skipped).as("cases run or skipped, against the file's numberOfTests").isEqualTo(numberOfTests);
    }
}
