package com.closeloop.messaging;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker (the zero-setup default): a dead-letter and an expiry address for the events queue,
 * immediate redelivery (no delay: a delayed one would let later messages of the same JMS group overtake; database
 * outages are retried in place by the route, see DatabaseOutage), and optionally a TCP acceptor so plant systems (and tests)
 * can connect as real Artemis clients; and a short journal buffer timeout so per-message commits are not throttled. An external broker is configured by its own administrators the same way
 * (docs/connectors.md).
 */
@Configuration
class BrokerSettings {

    @Bean
    ArtemisConfigurationCustomizer closeloopBroker(@Value("${closeloop.jms.events-queue:closeloop.events.in}") String eventsQueue,
            @Value("${closeloop.jms.dead-letter-queue:closeloop.events.dlq}") String deadLetters,
            @Value("${closeloop.jms.max-delivery-attempts:5}") int maxDeliveryAttempts,
            @Value("${closeloop.jms.tcp-port:-1}") int tcpPort,
            @Value("${closeloop.jms.journal-buffer-timeout-ns:100000}") int journalBufferTimeout) {
        return configuration -> {
            // The default NIO journal buffer timeout (~3.3 ms) caps per-message commits near 300/s; 100 µs lets the
            // transacted consumers commit thousands per second while every commit is still synced (STACK.md).
            configuration.setJournalBufferTimeout_NIO(journalBufferTimeout);
            AddressSettings events = new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(deadLetters))
                    .setExpiryAddress(SimpleString.of(deadLetters))
                    .setMaxDeliveryAttempts(maxDeliveryAttempts)
                    .setRedeliveryDelay(0); // immediate and in order: a delayed redelivery lets the next message of its JMS group overtake it
            configuration.addAddressSetting(eventsQueue, events);
            if (tcpPort > 0) {
                try {
                    configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + tcpPort);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot open the broker's TCP acceptor on port " + tcpPort, e);
                }
            }
        };
    }
}
