package io.capstan.storage.plan;

/**
 * One update of an existing StorageClass: {@code after} carries {@code before}'s resourceVersion, so the API server
 * refuses it with 409 if the object changed since it was read.
 *
 * @param before as observed
 * @param after  what to write
 */
public record StorageClassUpdate(StorageClassState before, StorageClassState after) {
}
