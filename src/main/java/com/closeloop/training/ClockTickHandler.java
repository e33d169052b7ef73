package com.closeloop.training;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import com.closeloop.PlantClock;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.facts.ClockTicked;
import com.closeloop.rules.facts.PeriodicCandidate;
import com.closeloop.rules.facts.VersionToTrain;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.clock.ticked} (SPEC §2a, §4b "Ticks"): the plant day {@code date} begins. The tick judges the plant as
 * it stood at its time — the event's time, or the end of that day when the tick is replayed later — and lets the rules
 * decide what the day brings: periodic retraining for completions about to lapse, training again after an exemption
 * ended, reminders and escalations. Only the pairs that may be due are
 * read (one set-based query), never every employee × document.
 */
@Component
class ClockTickHandler implements EventHandler<ClockTickHandler.Tick> {

    record Tick(LocalDate date) {
    }

    /** Days before the due date (negative) or after it that the shipped reminder rules act on; weekly overdue added below. */
    static final List<Integer> REMINDER_OFFSETS = List.of(-7, 0, 14, 30);

    private final PlantFacts facts;
    private final TrainingDecisions training;
    private final PlantClock clock;
    private final com.closeloop.notifications.Notifications notifications;
    private final int lookAheadDays;
    private final List<Integer> offsets;

    private final Exemptions exemptions;
    private final ExemptionHandlers.Ended exemptionsEnded;

    ClockTickHandler(PlantFacts facts, TrainingDecisions training, PlantClock clock, Exemptions exemptions,
            ExemptionHandlers.Ended exemptionsEnded,
            com.closeloop.notifications.Notifications notifications,
            @org.springframework.beans.factory.annotation.Value("${closeloop.recurring.look-ahead-days:35}") int lookAheadDays,
            @org.springframework.beans.factory.annotation.Value("${closeloop.notifications.extra-day-offsets:}") List<Integer> extraOffsets) {
        this.lookAheadDays = lookAheadDays;
        this.exemptions = exemptions;
        this.exemptionsEnded = exemptionsEnded;
        TreeSet<Integer> all = new TreeSet<>(REMINDER_OFFSETS);
        for (int week = 0; week <= 52; week++) {
            all.add(1 + 7 * week); // overdue: the day after, then weekly for a year
        }
        all.addAll(extraOffsets);
        this.offsets = List.copyOf(all);
        this.notifications = notifications;
        this.facts = facts;
        this.training = training;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "closeloop.clock.ticked";
    }

    @Override
    public Tick read(DataReader data) {
        return new Tick(data.date("date", true));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, Tick tick) {
        LocalDate today = clock.dateOf(context.receivedAt());
        if (tick.date().isAfter(today.plusDays(1))) {
            throw InvalidEventException.unprocessable("date", "is after tomorrow (" + today.plusDays(1) + "); ticks begin days that"
                    + " have come, or replay past ones");
        }
        // the instant the tick judges: its own time, but never after the day it begins has ended
        Instant endOfDay = clock.startOf(tick.date().plusDays(1)).minusMillis(1);
        Instant at = context.eventTime().isAfter(endOfDay) ? endOfDay : context.eventTime();
        EventContext judged = new EventContext(context.source(), context.id(), context.type(), at, tick.date(), context.receivedAt(),
                context.rules(), context.person());

        List<Object> ruleFacts = new ArrayList<>();
        ruleFacts.add(new ClockTicked(tick.date()));
        Optional<Integer> shortest = facts.shortestRetrainInterval();
        if (shortest.isPresent()) {
            // a completion can lapse within the look-ahead only if it was made before (day + look-ahead - shortest interval)
            Instant completedBefore = clock.startOf(tick.date().plusDays(lookAheadDays).minusMonths(shortest.get()).plusDays(1));
            List<PeriodicCandidate> candidates = facts.periodicCandidates(at, tick.date(), completedBefore, clock);
            ruleFacts.addAll(candidates);
            for (String document : new TreeSet<>(candidates.stream().map(PeriodicCandidate::documentNumber).toList())) {
                List<VersionInfo> versions = facts.versions(document);
                VersionInfo.toTrainOn(versions, tick.date()).ifPresent(v -> ruleFacts.add(new VersionToTrain(document, v.category(),
                        v.version(), v.seq(), v.effectiveDate())));
            }
        }
        // exemptions whose validUntil was yesterday: the rules decide whether training is required again
        List<Exemptions.Exemption> ended = exemptions.endedWith(tick.date().minusDays(1), at);
        if (!ended.isEmpty()) {
            ruleFacts.addAll(exemptionsEnded.factsFor(judged, ended, tick.date().minusDays(1), false));
        }
        // reminders and escalations: only the assignments whose due date is one of the days the rules act on
        ruleFacts.addAll(facts.dueItems(at, tick.date(), offsets.stream().map(o -> tick.date().minusDays(o)).toList()));
        List<com.closeloop.rules.decisions.Decision> decided = judged.rules().decide(ruleFacts);
        List<DecisionRecord> records = training.apply(judged, decided);
        notifications.apply(judged, tick.date(), decided.stream().filter(com.closeloop.rules.decisions.Notify.class::isInstance)
                .map(com.closeloop.rules.decisions.Notify.class::cast).toList());
        return records;
    }

}
