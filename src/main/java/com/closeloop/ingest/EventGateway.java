package com.closeloop.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.closeloop.PlantClock;
import com.closeloop.audit.Attribution;
import com.closeloop.audit.AuditTrail;
import com.closeloop.rules.DecisionLog;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.RuleEngine;
import com.closeloop.rules.RuleSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one path every inbound event takes, whatever its channel (SPEC §3):
 * validate → de-duplicate on (source, id) → decide with the rules → apply in one transaction → outcome.
 * Camel routes call {@link #ingest(String)}; nothing else writes business records from events.
 */
@Component("eventGateway")
public class EventGateway {

    private static final Logger log = LoggerFactory.getLogger(EventGateway.class);
    private static final int ATTEMPTS = 3;

    private final CloudEventParser parser;
    private final Map<String, EventHandler<?>> handlers = new TreeMap<>();
    private final ProcessedEvents processed;
    private final RejectedEvents rejected;
    private final DecisionLog decisionLog;
    private final RuleEngine rules;
    private final PlantClock clock;
    private final TransactionTemplate transaction;
    private final Outbox outbox;
    private final String outcomesTopic;
    private final AuditTrail audit;

    public EventGateway(CloudEventParser parser, List<EventHandler<?>> handlers, ProcessedEvents processed, RejectedEvents rejected,
            DecisionLog decisionLog, RuleEngine rules, PlantClock clock, PlatformTransactionManager transactions, Outbox outbox,
            AuditTrail audit,
            @org.springframework.beans.factory.annotation.Value("${closeloop.jms.outcomes-topic:closeloop.outcomes}") String outcomesTopic) {
        this.parser = parser;
        for (EventHandler<?> handler : handlers) {
            if (this.handlers.put(handler.type(), handler) != null) {
                throw new IllegalStateException("two handlers for event type " + handler.type());
            }
        }
        this.processed = processed;
        this.rejected = rejected;
        this.decisionLog = decisionLog;
        this.rules = rules;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.outbox = outbox;
        this.outcomesTopic = outcomesTopic;
        this.audit = audit;
    }

    /** Who sent the event: the signed-in user or API key of a REST call; {@code system} for JMS, files and the scheduler. */
    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() ? auth.getName() : "system";
    }

    /** The user name when a person (not a system's API key) posted the event. */
    private static String person() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof UserDetails ? auth.getName() : null;
    }

    /** Event types this hub accepts. */
    public List<String> types() {
        return List.copyOf(handlers.keySet());
    }

    /** Takes one CloudEvents structured-mode JSON document and returns its outcome; never half-applies. */
    public EventOutcome ingest(String body) {
        Instant receivedAt = clock.now();
        CloudEvent event = null;
        try {
            event = parser.parse(body);
            return ingest(event, handlerFor(event), receivedAt);
        } catch (InvalidEventException problem) {
            rejected.record(event, body, problem, receivedAt);
            log.info("Rejected event {} from {}: {}", event == null ? "?" : event.id(), event == null ? "?" : event.source(),
                    problem.getMessage());
            return EventOutcome.rejected(event, receivedAt, problem);
        }
    }

    private EventHandler<?> handlerFor(CloudEvent event) {
        EventHandler<?> handler = handlers.get(event.type());
        if (handler == null) {
            throw InvalidEventException.malformed("type", "unknown event type '" + CloudEventParser.abbreviate(event.type())
                    + "'; accepted types: " + String.join(", ", handlers.keySet()));
        }
        return handler;
    }

    /**
     * Decides the event as if it were sent now and lets {@code inspector} look at the result, all inside one
     * transaction that is rolled back: nothing is written, idempotency is not consulted, rejections are not logged.
     */
    public PreviewOutcome preview(String body, PreviewInspector inspector) {
        Instant receivedAt = clock.now();
        CloudEvent event = null;
        try {
            event = parser.parse(body);
            return preview(event, handlerFor(event), receivedAt, inspector);
        } catch (InvalidEventException problem) {
            return new PreviewOutcome(event == null ? null : event.id(), event == null ? null : event.type(), "REJECTED", null,
                    List.of(), null, problem.errors(), problem.unprocessable());
        }
    }

    private <P> PreviewOutcome preview(CloudEvent event, EventHandler<P> handler, Instant receivedAt, PreviewInspector inspector) {
        DataReader data = new DataReader(event.data());
        P payload = handler.read(data);
        data.throwIfInvalid();
        Instant eventTime = event.time() == null ? receivedAt : event.time().toInstant();
        RuleSet ruleSet = rules.active();
        EventContext context = new EventContext(event.source(), event.id(), event.type(), eventTime, clock.dateOf(eventTime), receivedAt,
                ruleSet, person());
        return transaction.execute(status -> {
            status.setRollbackOnly();
            List<DecisionRecord> decisions = handler.apply(context, payload);
            Object impact = inspector.inspect(context, event, decisions);
            return new PreviewOutcome(event.id(), event.type(), "PREVIEW", ruleSet.version(), decisions, impact, null, false);
        });
    }

    private <P> EventOutcome ingest(CloudEvent event, EventHandler<P> handler, Instant receivedAt) {
        DataReader data = new DataReader(event.data());
        P payload = handler.read(data);
        data.throwIfInvalid();
        if (processed.contains(event.source(), event.id())) {
            return EventOutcome.duplicate(event, receivedAt);
        }
        Instant eventTime = event.time() == null ? receivedAt : event.time().toInstant();
        Attribution attribution = Attribution.ofEvent(actor(), event.type(), event.source(), event.id(), eventTime, receivedAt);
        for (int attempt = 1; ; attempt++) {
            RuleSet ruleSet = rules.active();
            EventContext context = new EventContext(event.source(), event.id(), event.type(), eventTime, clock.dateOf(eventTime),
                    receivedAt, ruleSet, person());
            try {
                return transaction.execute(status -> {
                    audit.attribute(attribution);
                    processed.record(event, eventTime, receivedAt, ruleSet.version());
                    List<DecisionRecord> made = handler.apply(context, payload);
                    decisionLog.record(event.source(), event.id(), made, receivedAt);
                    outbox.addOutcome(outcomesTopic, event.source(), event.id(), receivedAt);
                    return EventOutcome.applied(event, ruleSet.version(), receivedAt, made);
                });
            } catch (DataIntegrityViolationException conflict) {
                // Either a concurrent twin of this event committed first (then it is a duplicate), or a concurrent
                // event touched the same records (e.g. the one-open-assignment constraint): decide again.
                if (processed.contains(event.source(), event.id())) {
                    return EventOutcome.duplicate(event, receivedAt);
                }
                if (attempt >= ATTEMPTS) {
                    throw conflict;
                }
                log.debug("Conflict applying event {} (attempt {}), retrying: {}", event.id(), attempt, conflict.getMessage());
            }
        }
    }
}
