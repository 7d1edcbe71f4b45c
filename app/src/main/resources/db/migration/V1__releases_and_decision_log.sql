-- Releases, the decision log (append-only, hash-chained) and the evidence each decision rests on.
-- Written for PostgreSQL 15+ and for H2 in PostgreSQL mode alike: JSON is kept as TEXT.

CREATE TABLE release (
    id                   VARCHAR(64)              NOT NULL PRIMARY KEY,
    service              VARCHAR(200)             NOT NULL,
    version              VARCHAR(200)             NOT NULL,
    commit_sha           VARCHAR(64),
    environment          VARCHAR(100)             NOT NULL,
    change_model         VARCHAR(40)              NOT NULL,
    requested_by         VARCHAR(200)             NOT NULL,
    change_number        VARCHAR(64),
    process_instance_key BIGINT,
    state                VARCHAR(40)              NOT NULL,
    outcome              TEXT,
    wave_percent         INTEGER                  NOT NULL DEFAULT 0,
    plan_json            TEXT                     NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at             TIMESTAMP WITH TIME ZONE
);

CREATE INDEX release_created_at ON release (created_at);

-- An evidence snapshot is the canonical JSON a decision saw, kept under its SHA-256 so that the
-- decision can be explained again later; identical evidence is stored once.
CREATE TABLE evidence (
    hash           VARCHAR(64) NOT NULL PRIMARY KEY,
    canonical_json TEXT        NOT NULL
);

CREATE TABLE decision_log (
    sequence        BIGINT                   NOT NULL PRIMARY KEY,
    release_id      VARCHAR(64)              NOT NULL REFERENCES release (id),
    gate            VARCHAR(64)              NOT NULL,
    decision        VARCHAR(64)              NOT NULL,
    actor           VARCHAR(200)             NOT NULL,
    justification   TEXT,
    evidence_hash   VARCHAR(64)              NOT NULL REFERENCES evidence (hash),
    previous_hash   VARCHAR(64)              NOT NULL,
    entry_hash      VARCHAR(64)              NOT NULL,
    idempotency_key VARCHAR(200),
    decided_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT decision_log_entry_hash_unique UNIQUE (entry_hash),
    CONSTRAINT decision_log_idempotency_key_unique UNIQUE (idempotency_key)
);

CREATE INDEX decision_log_release ON decision_log (release_id, sequence);

-- The one row every append locks (SELECT ... FOR UPDATE), so that service instances sharing the
-- database extend one linear chain.
CREATE TABLE decision_chain_head (
    id            INTEGER     NOT NULL PRIMARY KEY,
    last_sequence BIGINT      NOT NULL,
    last_hash     VARCHAR(64) NOT NULL,
    CONSTRAINT decision_chain_head_single_row CHECK (id = 1)
);

INSERT INTO decision_chain_head (id, last_sequence, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
