package com.closeloop.personnel;

import java.util.List;
import java.util.Set;

/**
 * What a personnel upsert changed, as far as training is concerned.
 *
 * @param newHire     the employee was not known before
 * @param terminated  the employee became TERMINATED with this update
 * @param gained      job functions held (now or later) that were not held before, with the holding that brings each
 * @param heldCodes   job functions held now or later after the update (empty when terminated)
 */
public record PersonnelChange(boolean newHire, boolean terminated, List<HoldingSpec> gained, Set<String> heldCodes) {
}
