package com.closeloop.harness;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A stand-alone Artemis broker for the fault harness, run as its own JVM so the harness can SIGKILL it and start it
 * again on the same journal: {@code HarnessBroker <data dir> <port>}. Persistent NIO journal (synced commits, as in
 * production), a TCP acceptor on 127.0.0.1, and the address settings docs/connectors.md asks an external broker to
 * carry for {@code closeloop.events.in}: dead-letter and expiry address, redelivery back-off, max delivery attempts.
 * Prints {@code BROKER READY} once it accepts connections.
 */
public final class HarnessBroker {

    public static final String READY = "BROKER READY";

    private HarnessBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int maxDeliveryAttempts = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Files.createDirectories(data);
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setJournalBufferTimeout_NIO(100_000)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        config.addAddressSetting("closeloop.events.in", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("closeloop.events.dlq"))
                .setExpiryAddress(SimpleString.of("closeloop.events.dlq"))
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(0)); // immediate and in order: a delayed redelivery lets the next message of its JMS group overtake it
        config.addQueueConfiguration(QueueConfiguration.of("closeloop.events.in").setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of("closeloop.events.dlq").setRoutingType(RoutingType.ANYCAST));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        System.out.println(READY + " " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
