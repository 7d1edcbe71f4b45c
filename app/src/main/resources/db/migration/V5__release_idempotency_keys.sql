-- Idempotency keys of release starts: a pipeline that retries POST /api/v1/releases with the same
-- Idempotency-Key gets the release its first call started. Keys are per caller; request_hash is the
-- SHA-256 of the request's canonical JSON, so the same key with another body is refused.
-- release_id is NULL while the first call is still starting the release.
CREATE TABLE release_idempotency_key (
    requested_by    VARCHAR(200)             NOT NULL,
    idempotency_key VARCHAR(200)             NOT NULL,
    request_hash    CHAR(64)                 NOT NULL,
    release_id      VARCHAR(64)              REFERENCES release (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT release_idempotency_key_pk PRIMARY KEY (requested_by, idempotency_key)
);
