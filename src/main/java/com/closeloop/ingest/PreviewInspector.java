package com.closeloop.ingest;

import java.util.List;

import com.closeloop.rules.DecisionRecord;

/** Looks at the plant as a previewed event would leave it, inside the transaction that is then rolled back. */
@FunctionalInterface
public interface PreviewInspector {

    Object inspect(EventContext context, CloudEvent event, List<DecisionRecord> decisions);
}
