package com.closeloop.ingest;

import java.util.List;

import com.closeloop.rules.DecisionRecord;

/**
 * Applies one event type. {@link #read} checks the shape of {@code data} (no database); {@link #apply}
 * runs inside the event's transaction: it checks references, builds facts, asks the rules and applies
 * their decisions. Throwing {@link InvalidEventException} from either rolls everything back.
 *
 * @param <P> the typed payload
 */
public interface EventHandler<P> {

    String type();

    P read(DataReader data);

    List<DecisionRecord> apply(EventContext context, P payload);
}
