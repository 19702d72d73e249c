package io.capstan.storage.plan;

import java.util.List;

/**
 * The planner's answer on the cluster's default StorageClass, reported as condition {@code DefaultClass}.
 *
 * @param satisfied    true when the cluster ends up with exactly one default class
 * @param reason       CamelCase: {@code DefaultClassEnsured}, {@code ForeignDefaultKept}, {@code DefaultClassConflict},
 *                     {@code NoDefaultClass} or {@code ClassNameConflict}
 * @param message      for a person
 * @param defaultClass the class that is (or will be after apply) the default, null when none or ambiguous
 * @param demoted      foreign classes this plan demotes
 */
public record DefaultDecision(boolean satisfied, String reason, String message, String defaultClass,
                              List<String> demoted) {

    public DefaultDecision {
        demoted = List.copyOf(demoted);
    }
}
