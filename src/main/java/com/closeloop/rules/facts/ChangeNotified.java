package com.closeloop.rules.facts;

import java.time.LocalDate;

/**
 * A process-validation, supplier or regulatory change was notified. {@code effectiveDate} is the change's
 * (or the event date when it gave none); {@code documentsNamed} says whether it named documents.
 */
public record ChangeNotified(String changeId, String kind, LocalDate effectiveDate, boolean documentsNamed) {
}
