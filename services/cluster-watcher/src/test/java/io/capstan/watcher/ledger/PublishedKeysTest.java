package io.capstan.watcher.ledger;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger and the stale-key diff are pure: no Quarkus, no Kafka. */
class PublishedKeysTest {

    @Test
    void staleKeysArePublishedMinusPresent() {
        assertThat(PublishedKeys.staleKeys(List.of("c/core/Service/a/x", "c/core/Service/a/y", "c/storage.k8s.io/StorageClass/_/z"),
                Set.of("c/core/Service/a/y", "c/core/Service/a/new")))
                .containsExactly("c/core/Service/a/x", "c/storage.k8s.io/StorageClass/_/z");
    }

    @Test
    void nothingIsStaleWhenTheClusterHoldsEveryPublishedKey() {
        assertThat(PublishedKeys.staleKeys(List.of("c/k"), Set.of("c/k"))).isEmpty();
    }

    @Test
    void keyLoadedFromTopicAndAbsentFromTheListIsStale() {
        PublishedKeys ledger = new PublishedKeys();
        ledger.load(Map.of("c/core/Service/a/gone", "7", "c/core/Service/a/here", "8"));
        long mark = ledger.mark();
        assertThat(ledger.stale(mark, Set.of("c/core/Service/a/here"))).containsExactly("c/core/Service/a/gone");
    }

    @Test
    void keyPublishedAfterTheListBeganIsNeverStale() {
        PublishedKeys ledger = new PublishedKeys();
        ledger.published("c/core/Service/a/old", "1");
        long mark = ledger.mark();
        ledger.published("c/core/Service/a/created-during-list", "2");
        assertThat(ledger.stale(mark, Set.of())).containsExactly("c/core/Service/a/old");
    }

    @Test
    void tombstonedKeyIsNoLongerLiveNorStale() {
        PublishedKeys ledger = new PublishedKeys();
        ledger.published("c/k", "1");
        ledger.tombstoned("c/k");
        assertThat(ledger.keys()).isEmpty();
        assertThat(ledger.stale(ledger.mark(), Set.of())).isEmpty();
    }

    @Test
    void sameResourceVersionIsNotAChangeButANewOneIs() {
        PublishedKeys ledger = new PublishedKeys();
        assertThat(ledger.changed("c/k", "1")).isTrue();
        ledger.published("c/k", "1");
        assertThat(ledger.changed("c/k", "1")).isFalse();
        assertThat(ledger.changed("c/k", "2")).isTrue();
    }

    @Test
    void loadedKeyWithTheSameResourceVersionIsNotRepublishedAfterARestart() {
        PublishedKeys ledger = new PublishedKeys();
        Map<String, String> topic = new HashMap<>();
        topic.put("c/k", "5");
        topic.put("c/unknown-rv", null);
        ledger.load(topic);
        assertThat(ledger.loaded()).isTrue();
        assertThat(ledger.changed("c/k", "5")).isFalse();
        assertThat(ledger.changed("c/unknown-rv", "5")).isTrue();
    }

    @Test
    void anUnacknowledgedPublicationIsPublishedAgainAndStillSweptWhenTheObjectIsGone() {
        PublishedKeys ledger = new PublishedKeys();
        ledger.published("c/core/Service/a/x", "5");
        assertThat(ledger.changed("c/core/Service/a/x", "5")).isFalse();
        ledger.unacknowledged("c/core/Service/a/x", "5");
        // the same version counts as changed again, so the sweep's re-publish goes through
        assertThat(ledger.changed("c/core/Service/a/x", "5")).isTrue();
        // and the key is still live: older than any LIST, so it is tombstoned if the object is gone
        assertThat(ledger.stale(ledger.mark(), Set.of())).containsExactly("c/core/Service/a/x");
    }

    @Test
    void aLateFailureOfAnOlderVersionDoesNotForgetANewerPublication() {
        PublishedKeys ledger = new PublishedKeys();
        ledger.published("c/core/Service/a/x", "5");
        ledger.published("c/core/Service/a/x", "6");
        ledger.unacknowledged("c/core/Service/a/x", "5");
        assertThat(ledger.changed("c/core/Service/a/x", "6")).isFalse();
    }

    @Test
    void anUnacknowledgedTombstoneMakesTheKeyLiveSoTheNextSweepTombstonesItAgain() {
        PublishedKeys ledger = new PublishedKeys();
        ledger.published("c/core/Service/a/x", "5");
        ledger.tombstoned("c/core/Service/a/x");
        assertThat(ledger.keys()).isEmpty();
        ledger.tombstoneUnacknowledged("c/core/Service/a/x");
        assertThat(ledger.stale(ledger.mark(), Set.of())).containsExactly("c/core/Service/a/x");
        // unless the object came back and was published meanwhile
        PublishedKeys other = new PublishedKeys();
        other.published("c/core/Service/a/y", "9");
        other.tombstoneUnacknowledged("c/core/Service/a/y");
        assertThat(other.changed("c/core/Service/a/y", "9")).isFalse();
    }
}
