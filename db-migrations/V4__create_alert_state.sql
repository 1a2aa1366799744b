-- The alert engine's memory: the current state of each alert (one row per alert id, written once
-- per cycle) and the history of its level changes. Alert definitions live in files, so alert_id is
-- not a foreign key: the history of a removed alert stays readable.

CREATE TABLE alert_state (
    alert_id        TEXT             NOT NULL,
    level           TEXT             NOT NULL,
    since           TIMESTAMPTZ      NOT NULL,
    last_value      DOUBLE PRECISION,
    last_check      TIMESTAMPTZ,
    last_error      TEXT,
    streak          INTEGER          NOT NULL DEFAULT 0,
    history         TEXT             NOT NULL DEFAULT '',
    flapping        BOOLEAN          NOT NULL DEFAULT FALSE,
    series          JSONB,
    acknowledged_by TEXT,
    acknowledged_at TIMESTAMPTZ,
    CONSTRAINT alert_state_pk PRIMARY KEY (alert_id),
    CONSTRAINT alert_state_level_ck CHECK (level IN ('OK', 'PENDING', 'WARNING', 'CRITICAL', 'UNKNOWN', 'ERROR')),
    CONSTRAINT alert_state_streak_ck CHECK (streak >= 0),
    CONSTRAINT alert_state_history_ck CHECK (length(history) <= 21)
);

CREATE TABLE alert_transition (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    alert_id   TEXT             NOT NULL,
    from_level TEXT             NOT NULL,
    to_level   TEXT             NOT NULL,
    at         TIMESTAMPTZ      NOT NULL,
    value      DOUBLE PRECISION,
    message    TEXT,
    CONSTRAINT alert_transition_pk PRIMARY KEY (id),
    CONSTRAINT alert_transition_from_ck CHECK (from_level IN ('OK', 'PENDING', 'WARNING', 'CRITICAL', 'UNKNOWN', 'ERROR')),
    CONSTRAINT alert_transition_to_ck CHECK (to_level IN ('OK', 'PENDING', 'WARNING', 'CRITICAL', 'UNKNOWN', 'ERROR'))
);
CREATE INDEX alert_transition_alert_ix ON alert_transition (alert_id, at);
CREATE INDEX alert_transition_at_ix ON alert_transition (at);
