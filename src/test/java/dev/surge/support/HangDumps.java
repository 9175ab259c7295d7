package dev.surge.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a request of a test never gets its answer (WebTestClient's "Timeout on blocking read"), writes every
 * thread's stack, with locks, to {@code target/hangs/}: the evidence for the rare hung request still open
 * (see the README's "Test it" and the Surefire configuration in pom.xml). The test still fails.
 */
public class HangDumps implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        if (isHang(error)) {
            StringBuilder dump = new StringBuilder("Hung request in ").append(context.getDisplayName()).append(" of ")
                    .append(context.getRequiredTestClass().getName()).append(" at ").append(Instant.now()).append("\n\n");
            for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                dump.append(thread.toString());
                StackTraceElement[] stack = thread.getStackTrace();
                // ThreadInfo.toString stops at 8 frames; the reactive chains need more.
                for (int i = 8; i < stack.length; i++) {
                    dump.append("\tat ").append(stack[i]).append('\n');
                }
                dump.append('\n');
            }
            try {
                Path dir = Files.createDirectories(Path.of("target", "hangs"));
                Files.writeString(dir.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName() + "-" + System.currentTimeMillis() + ".txt"), dump);
            } catch (IOException e) {
                error.addSuppressed(e);
            }
        }
        throw error;
    }

    private static boolean isHang(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Timeout on blocking read")) {
                return true;
            }
        }
        return false;
    }
}
