-- Capstan orchestrator schema. The only database of Capstan (ARCHITECTURE.md, "State").

CREATE TABLE profiles (
    name        VARCHAR(63) PRIMARY KEY,
    spec        JSONB       NOT NULL,
    revision    BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE clusters (
    name                  VARCHAR(63) PRIMARY KEY,
    infrastructure        VARCHAR(16) NOT NULL,
    profile_name          VARCHAR(63) NOT NULL,
    labels                JSONB       NOT NULL DEFAULT '{}'::jsonb,
    site                  VARCHAR(253),
    generation            BIGINT      NOT NULL,
    deleting              BOOLEAN     NOT NULL DEFAULT FALSE,
    deletion_requested_at TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX clusters_profile_idx ON clusters (profile_name);

-- Transactional outbox: written in the same transaction as the change, sent to Kafka in id order, then deleted.
CREATE TABLE outbox (
    id          BIGSERIAL    PRIMARY KEY,
    topic       VARCHAR(249) NOT NULL,
    record_key  VARCHAR(512) NOT NULL,
    type        VARCHAR(128) NOT NULL,
    payload     TEXT,          -- NULL: tombstone
    created_at  TIMESTAMPTZ  NOT NULL
);

-- Latest status per capstan.status key (cluster/component[/kind/namespace/name]).
CREATE TABLE status_view (
    key                 VARCHAR(1024) PRIMARY KEY,
    cluster             VARCHAR(63)   NOT NULL,
    component           VARCHAR(63)   NOT NULL,
    subject_kind        VARCHAR(253),
    subject_namespace   VARCHAR(253),
    subject_name        VARCHAR(253),
    subject_api_version VARCHAR(253),
    conditions          JSONB         NOT NULL,
    observed_generation BIGINT        NOT NULL,
    observed_at         TIMESTAMPTZ,
    details             JSONB
);
CREATE INDEX status_view_cluster_idx ON status_view (cluster, component);

CREATE TABLE audit (
    id      BIGSERIAL    PRIMARY KEY,
    at      TIMESTAMPTZ  NOT NULL,
    actor   VARCHAR(128) NOT NULL,
    action  VARCHAR(64)  NOT NULL,
    target  VARCHAR(512) NOT NULL,
    detail  TEXT
);
CREATE INDEX audit_target_idx ON audit (target);
