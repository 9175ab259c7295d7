package dev.surge.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import reactor.netty.http.HttpResources;

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
            eventLoops(context, dump);
            dump.append(ExchangeTracker.report());
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

    /**
     * Tasks waiting in each server event loop. A loop that sleeps in {@code epoll_wait} with tasks queued (a
     * response write handed over from a Redis, R2DBC or scheduler thread, say) has lost its wake-up: the
     * prime suspect for a request that is answered only when the next one arrives. The loops are then nudged
     * (an empty task wakes them) and counted again.
     */
    private static void eventLoops(ExtensionContext context, StringBuilder dump) {
        dump.append("Server event loops, tasks queued (then after a nudge):\n");
        try {
            loops(dump, "reactor-netty global", HttpResources.get().onServer(true));
            SpringExtension.getApplicationContext(context).getBeanProvider(ReactorResourceFactory.class)
                    .ifAvailable(factory -> {
                        if (!factory.isUseGlobalResources()) {
                            loops(dump, "ReactorResourceFactory", factory.getLoopResources().onServer(true));
                        }
                    });
        } catch (RuntimeException e) {
            dump.append("  not readable: ").append(e).append('\n');
        }
        dump.append('\n');
    }

    private static void loops(StringBuilder dump, String name, EventLoopGroup group) {
        int index = 0;
        for (EventExecutor executor : group) {
            if (executor instanceof SingleThreadEventExecutor loop) {
                int before = loop.pendingTasks();
                loop.execute(() -> { });
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                dump.append("  ").append(name).append(" loop ").append(index).append(": ").append(before)
                        .append(" (").append(loop.pendingTasks()).append(")\n");
            }
            index++;
        }
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
