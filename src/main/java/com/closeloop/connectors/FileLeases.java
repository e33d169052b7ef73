package com.closeloop.connectors;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.closeloop.JdbcValues;

import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide leases on dropped files, in the shared database ({@code connector_file_lease}): the drop-folder route's
 * read lock ({@code readLock: idempotent-changed}), so when several hub nodes poll one shared drop folder each file is
 * imported by one node at a time. A lease is one row per file key (its absolute path): taken with an insert guarded by
 * the primary key, renewed by its node while the import runs, deleted when the file has been moved aside; a lease left
 * by a node that died mid-import expires after {@code closeloop.connectors.lease-seconds} and may then be taken over
 * (the rows it had applied answer DUPLICATE). Nodes must therefore mount the shared drop folder at the same path.
 */
@Component("csvFileLeases")
public class FileLeases implements IdempotentRepository, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FileLeases.class);

    private final JdbcTemplate jdbc;
    private final Duration leaseTime;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "closeloop-file-leases");
        t.setDaemon(true);
        return t;
    });

    FileLeases(JdbcTemplate jdbc, @Value("${closeloop.connectors.lease-seconds:120}") long leaseSeconds) {
        this.jdbc = jdbc;
        this.leaseTime = Duration.ofSeconds(leaseSeconds);
        long renewEvery = Math.max(1, leaseSeconds / 4);
        renewer.scheduleWithFixedDelay(this::renew, renewEvery, renewEvery, TimeUnit.SECONDS);
    }

    /** Takes the lease on {@code key}: a new row, or an expired one taken over; false while another node holds it. */
    @Override
    public boolean add(String key) {
        Instant now = Instant.now();
        boolean taken;
        try {
            taken = jdbc.update("insert into connector_file_lease (lease_key, owner, acquired_at, renewed_at) select ?, ?, ?, ?"
                    + " where not exists (select 1 from connector_file_lease where lease_key = ?)", key, owner, JdbcValues.utc(now),
                    JdbcValues.utc(now), key) == 1;
        } catch (DuplicateKeyException raced) {
            taken = false; // another node inserted it between our check and our insert
        }
        if (!taken) {
            taken = jdbc.update("update connector_file_lease set owner = ?, acquired_at = ?, renewed_at = ? where lease_key = ?"
                    + " and renewed_at < ?", owner, JdbcValues.utc(now), JdbcValues.utc(now), key, JdbcValues.utc(now.minus(leaseTime))) == 1;
            if (taken) {
                log.warn("Drop-folder lease on {} had expired (its node stopped renewing it): taken over", key);
            }
        }
        if (taken) {
            held.add(key);
        }
        return taken;
    }

    @Override
    public boolean contains(String key) {
        Integer n = jdbc.queryForObject("select count(*) from connector_file_lease where lease_key = ? and renewed_at >= ?", Integer.class,
                key, JdbcValues.utc(Instant.now().minus(leaseTime)));
        return n != null && n > 0;
    }

    /** Releases this node's lease (another node's lease is left alone). */
    @Override
    public boolean remove(String key) {
        held.remove(key);
        return jdbc.update("delete from connector_file_lease where lease_key = ? and owner = ?", key, owner) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        held.clear();
        jdbc.update("delete from connector_file_lease where owner = ?", owner);
    }

    private void renew() {
        for (String key : held) {
            try {
                jdbc.update("update connector_file_lease set renewed_at = ? where lease_key = ? and owner = ?", JdbcValues.utc(Instant.now()),
                        key, owner);
            } catch (DataAccessException e) {
                log.warn("Drop-folder lease on {} not renewed: {}", key, e.toString());
            }
        }
    }

    @Override
    public void start() {
        // renewing runs from construction
    }

    @Override
    public void stop() {
        // the Spring bean's lifecycle ends it (destroy)
    }

    @Override
    public void destroy() {
        renewer.shutdownNow();
    }
}
