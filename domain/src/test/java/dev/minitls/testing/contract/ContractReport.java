package dev.minitls.testing.contract;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints, after a port's contract ran against one implementation, how many of its cases ran and how many held, as
 * the crypto contract prints its Wycheproof counts: {@code [SocketFrameChannel] FrameChannel contract: 14 run, 14 as
 * expected}. The implementation is named by its test class, {@code SocketFrameChannelContractTest} giving
 * {@code SocketFrameChannel}.
 */
final class ContractReport implements BeforeAllCallback, TestWatcher, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ContractReport.class);

    /** The counts of one contract test class, kept in its class-level store so that every case finds them. */
    private static final class Counts {
        int run;
        int asExpected;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Counts.class, new Counts());
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        Counts counts = counts(context);
        counts.run++;
        counts.asExpected++;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        counts(context).run++;
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        counts(context).run++;
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // not run: not counted
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Counts counts = counts(context);
        System.out.println("[" + implementation(context.getRequiredTestClass()) + "] " + contract(context)
                + " contract: " + counts.run + " run, " + counts.asExpected + " as expected");
    }

    private static Counts counts(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Counts.class, Counts.class);
    }

    /** The port's name: the contract class {@code FrameChannelContract} gives {@code FrameChannel}. */
    private static String contract(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        while (type.getSuperclass() != null && !type.getSimpleName().endsWith("Contract")) {
            type = type.getSuperclass();
        }
        return type.getSimpleName().replaceFirst("Contract$", "");
    }

    private static String implementation(Class<?> testClass) {
        return testClass.getSimpleName().replaceFirst("ContractTest$", "");
    }
}
