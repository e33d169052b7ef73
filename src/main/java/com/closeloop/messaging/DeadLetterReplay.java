package com.closeloop.messaging;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import com.closeloop.security.SecurityEvents;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/admin/dead-letters/replay?max=N} (ADMIN): moves up to N messages from the dead-letter queue back to
 * the events queue, body and properties kept (the old {@code closeloopError} is dropped), e.g. after the reference data
 * a refused event named has been loaded or a database outage is over. What was applied meanwhile answers DUPLICATE.
 */
@RestController
class DeadLetterReplay {

    record Replayed(int moved, List<String> messageIds) {
    }

    private final JmsTemplate jms;
    private final SecurityEvents events;
    private final String eventsQueue;
    private final String deadLetters;

    DeadLetterReplay(ConnectionFactory connectionFactory, SecurityEvents events,
            @Value("${closeloop.jms.events-queue:closeloop.events.in}") String eventsQueue,
            @Value("${closeloop.jms.dead-letter-queue:closeloop.events.dlq}") String deadLetters) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.events = events;
        this.eventsQueue = eventsQueue;
        this.deadLetters = deadLetters;
    }

    /** Each message is received and re-sent in one local JMS transaction: a crash mid-way loses nothing. */
    @PostMapping("/api/admin/dead-letters/replay")
    Replayed replay(@RequestParam(defaultValue = "100") int max, Principal admin) {
        if (max < 1 || max > 10_000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "max: between 1 and 10000");
        }
        List<String> moved = jms.execute(session -> {
            List<String> ids = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(deadLetters));
                    MessageProducer producer = session.createProducer(session.createQueue(eventsQueue))) {
                for (int i = 0; i < max; i++) {
                    Message message = consumer.receive(500);
                    if (message == null) {
                        break;
                    }
                    Message out = session.createTextMessage(message.getBody(String.class));
                    var names = message.getPropertyNames();
                    while (names.hasMoreElements()) {
                        String name = (String) names.nextElement();
                        if (!name.equals("closeloopError") && !name.startsWith("JMSX") && !name.startsWith("_AMQ")) {
                            out.setObjectProperty(name, message.getObjectProperty(name));
                        }
                    }
                    producer.send(out);
                    session.commit();
                    ids.add(message.getJMSMessageID());
                }
            }
            return ids;
        }, true);
        events.record("DEAD_LETTERS_REPLAYED", admin == null ? null : admin.getName(), null, moved.size() + " messages");
        return new Replayed(moved.size(), moved);
    }
}
