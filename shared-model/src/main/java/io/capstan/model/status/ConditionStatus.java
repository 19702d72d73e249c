package io.capstan.model.status;

/** Kubernetes condition status (API conventions, "Typical status properties"): True, False or Unknown. */
public enum ConditionStatus {
    True, False, Unknown
}
