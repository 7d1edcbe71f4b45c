-- API tokens. Only each token's SHA-256 (lower-case hex) is stored; the token itself is shown once,
-- when it is created. roles: comma-separated role names, for example 'pipeline,release-manager'.
CREATE TABLE api_tokens (
    id         VARCHAR(36)              NOT NULL PRIMARY KEY,
    name       VARCHAR(100)             NOT NULL,
    token_hash CHAR(64)                 NOT NULL,
    roles      VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    revoked_at TIMESTAMP WITH TIME ZONE,
    created_by VARCHAR(200)             NOT NULL,
    CONSTRAINT api_tokens_token_hash_unique UNIQUE (token_hash)
);
