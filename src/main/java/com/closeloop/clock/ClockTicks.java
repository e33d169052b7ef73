package com.closeloop.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import com.closeloop.PlantClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Time as an event (SPEC §2a, §4b "Ticks"): decides which {@code closeloop.clock.ticked} events are due — today's once the
 * plant clock has passed the tick time, and every day missed while the hub was down, oldest first (at most
 * {@code closeloop.clock.catch-up-days}). Each tick has source {@code closeloop:scheduler} and id = the plant date, so two
 * nodes ticking the same day collide on (source, id) and the day is applied once. The route
 * {@code routes/clock/daily-tick.yaml} asks every minute and sends what is due through the one event path.
 */
@Component("clockTicks")
public class ClockTicks {

    public static final String SOURCE = "closeloop:scheduler";

    private final JdbcTemplate jdbc;
    private final PlantClock clock;
    private final LocalTime tickTime;
    private final int catchUpDays;
    private final ObjectMapper json = new ObjectMapper();

    ClockTicks(JdbcTemplate jdbc, PlantClock clock, @Value("${closeloop.clock.tick-time:00:05}") String tickTime,
            @Value("${closeloop.clock.catch-up-days:31}") int catchUpDays) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tickTime = LocalTime.parse(tickTime);
        this.catchUpDays = catchUpDays;
    }

    /** The tick events due now (structured CloudEvents JSON), oldest first; empty when the day was already ticked. */
    public List<String> due() {
        return dueAt(clock.now());
    }

    public List<String> dueAt(Instant now) {
        LocalDate today = clock.dateOf(now);
        LocalDate last = lastTicked();
        LocalDate latestDue = now.isBefore(clock.startOf(today).plus(java.time.Duration.between(LocalTime.MIDNIGHT, tickTime)))
                ? today.minusDays(1) : today;
        LocalDate first = last == null ? latestDue : last.plusDays(1);
        if (first.isBefore(latestDue.minusDays(catchUpDays - 1L))) {
            first = latestDue.minusDays(catchUpDays - 1L); // bounded catch-up: older missed days can be replayed by posting them
        }
        List<String> events = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(latestDue); day = day.plusDays(1)) {
            Instant at = clock.startOf(day).plus(java.time.Duration.between(LocalTime.MIDNIGHT, tickTime));
            events.add(event(day, at.isAfter(now) ? now : at));
        }
        return events;
    }

    private LocalDate lastTicked() {
        String id = jdbc.queryForObject("select max(event_id) from processed_event where event_source = ? and event_type = ?", String.class,
                SOURCE, "closeloop.clock.ticked");
        return id == null ? null : LocalDate.parse(id);
    }

    private String event(LocalDate day, Instant time) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", day.toString());
        event.put("source", SOURCE);
        event.put("type", "closeloop.clock.ticked");
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.putObject("data").put("date", day.toString());
        return event.toString();
    }
}
