package io.leadsuite.common.runtime;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops this process when the process that launched it is gone, so that a local stack killed hard
 * (SIGKILL, a closed terminal) leaves no orphan services behind. Active only when the launcher passes
 * its pid in {@code leadsuite.parent-pid}; deployed services never set it.
 */
public final class ParentProcessWatchdog implements ApplicationListener<ApplicationStartedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        Long parentPid = context.getEnvironment().getProperty("leadsuite.parent-pid", Long.class);
        if (parentPid == null) {
            return;
        }
        ProcessHandle.of(parentPid)
                .map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null))
                .thenRun(() -> {
                    log.warn("Launcher process {} is gone; shutting down", parentPid);
                    System.exit(SpringApplication.exit(context, () -> 1));
                });
    }
}
