-- GitHub's custom deployment protection rule: one row per deployment GitHub asked about (a
-- workflow run waiting on an environment), the release Rollgate started for it, and the answer
-- Rollgate gave through the run's deployment_protection_rule callback. request_key is
-- "<owner>/<repo>#<run id>@<environment>"; a redelivery (same delivery id) or a second request for
-- the same deployment finds the row instead of starting another release.
CREATE TABLE github_protection_rule (
    request_key  VARCHAR(400)             NOT NULL PRIMARY KEY,
    delivery_id  VARCHAR(100),
    release_id   VARCHAR(64)              NOT NULL REFERENCES release (id),
    owner        VARCHAR(100)             NOT NULL,
    repo         VARCHAR(100)             NOT NULL,
    run_id       BIGINT                   NOT NULL,
    environment  VARCHAR(255)             NOT NULL,
    state        VARCHAR(20)              NOT NULL,
    comment      TEXT,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT github_protection_rule_delivery_unique UNIQUE (delivery_id)
);

CREATE INDEX github_protection_rule_release ON github_protection_rule (release_id);
CREATE INDEX github_protection_rule_state ON github_protection_rule (state);
