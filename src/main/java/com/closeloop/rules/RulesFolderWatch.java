package com.closeloop.rules;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Development convenience, off by default ({@code closeloop.rules.watch=true}): notices edits in the rules folder
 * and asks for a gated activation, exactly as {@code POST /api/rules/reload} does. Production changes go through
 * the reload endpoint.
 */
@Component
@ConditionalOnProperty(name = "closeloop.rules.watch", havingValue = "true")
class RulesFolderWatch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RulesFolderWatch.class);

    private final RuleEngine engine;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "closeloop-rules-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String seen;

    RulesFolderWatch(RuleEngine engine, @Value("${closeloop.rules.watch-interval:PT2S}") Duration interval) {
        this.engine = engine;
        this.seen = RuleCompiler.fingerprint(engine.rulesDir());
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Watching {} for rule edits every {}", engine.rulesDir().toAbsolutePath(), interval);
    }

    void check() {
        try {
            String now = RuleCompiler.fingerprint(engine.rulesDir());
            if (!now.equals(seen)) {
                seen = now;
                engine.activate("SYSTEM (file watch)");
            }
        } catch (RuntimeException e) {
            log.warn("Rule folder watch failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
