package io.capstan.orchestrator.outbox;

/** CDI event fired when an outbox row was written; observed after commit to wake the relay. */
public record OutboxAppended(String key) {
}
