package com.closeloop;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The plant's time zone and the server clock. Calendar dates (effective, due, from/to) are plant-zone
 * dates; instants are stored in UTC. See SPEC §4b "Time".
 */
@Component
public class PlantClock {

    private final ZoneId zone;
    private final Clock clock;

    @Autowired
    public PlantClock(@Value("${closeloop.plant.zone:UTC}") String zone) {
        this(ZoneId.of(zone), Clock.systemUTC());
    }

    public PlantClock(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The plant calendar date of an instant. */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The first instant of a plant date (versions are effective from 00:00 plant time). */
    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }
}
