-- Notifications for alerts: channels beyond email, the notify side's memory of what it told whom
-- (for repeats, recoveries and the noise report), the group buffer behind group_wait, silences,
-- acknowledgements that expire, and an activity trail on each alert's page.

-- The outbox carries every channel now. channel_name is the routes.yaml channel (or mailto:<address>
-- for an alert's own recipients); summary is one line for the admin page.
ALTER TABLE notification DROP CONSTRAINT notification_channel_ck;
ALTER TABLE notification
    ADD CONSTRAINT notification_channel_ck CHECK (channel IN ('email', 'slack', 'pagerduty', 'webhook'));
ALTER TABLE notification ADD COLUMN channel_name TEXT;
ALTER TABLE notification ADD COLUMN summary TEXT;
CREATE INDEX notification_created_ix ON notification (created_at);

-- What the notify side last told each route about each alert: the level it notified, when, how
-- many repeats have gone out and when the next is due, and the channels that got it (a recovery
-- goes to exactly those). A row exists while an alert is notified as failing on that route.
CREATE TABLE alert_notify (
    alert_id       TEXT        NOT NULL,
    route          TEXT        NOT NULL,
    level          TEXT        NOT NULL,
    first_sent_at  TIMESTAMPTZ NOT NULL,
    last_sent_at   TIMESTAMPTZ NOT NULL,
    repeats        INTEGER     NOT NULL DEFAULT 0,
    next_repeat_at TIMESTAMPTZ,
    channels       TEXT[]      NOT NULL,
    CONSTRAINT alert_notify_pk PRIMARY KEY (alert_id, route),
    CONSTRAINT alert_notify_level_ck CHECK (level IN ('WARNING', 'CRITICAL', 'UNKNOWN')),
    CONSTRAINT alert_notify_repeats_ck CHECK (repeats >= 0)
);

-- group_wait: what is to be said, per route, until the route's group is due; a flush turns all of a
-- due route's items into one message per channel and deletes them in the same transaction.
CREATE TABLE notify_pending (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    route      TEXT        NOT NULL,
    alert_id   TEXT        NOT NULL,
    kind       TEXT        NOT NULL,
    level      TEXT        NOT NULL,
    channels   TEXT[]      NOT NULL,
    notice     JSONB       NOT NULL,
    due_at     TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT notify_pending_pk PRIMARY KEY (id),
    CONSTRAINT notify_pending_kind_ck CHECK (kind IN ('firing', 'escalated', 'repeat', 'recovered', 'flapping'))
);
CREATE INDEX notify_pending_route_ix ON notify_pending (route, due_at);

-- Every alert that was part of a sent message: the noise report counts these.
CREATE TABLE notify_log (
    id       BIGINT GENERATED ALWAYS AS IDENTITY,
    alert_id TEXT        NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    kind     TEXT        NOT NULL,
    level    TEXT        NOT NULL,
    route    TEXT        NOT NULL,
    channels TEXT[]      NOT NULL,
    storm    BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT notify_log_pk PRIMARY KEY (id)
);
CREATE INDEX notify_log_at_ix ON notify_log (at, alert_id);
CREATE INDEX notify_log_alert_ix ON notify_log (alert_id, at);

-- Conditions of the whole installation that notify once when raised and once when cleared (today:
-- Graphite unreachable). A row exists while the condition holds.
CREATE TABLE notify_condition (
    name      TEXT        NOT NULL,
    raised_at TIMESTAMPTZ NOT NULL,
    detail    TEXT,
    CONSTRAINT notify_condition_pk PRIMARY KEY (name)
);

-- Silences: alerts whose labels match every matcher are evaluated and shown, but not notified,
-- between starts_at and ends_at, and (with a weekly recurrence) only on the given days between
-- the given times in the given time zone.
CREATE TABLE silence (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    matchers      JSONB       NOT NULL,
    starts_at     TIMESTAMPTZ NOT NULL,
    ends_at       TIMESTAMPTZ NOT NULL,
    weekly_days   TEXT,
    weekly_start  TIME,
    weekly_end    TIME,
    time_zone     TEXT,
    author        TEXT        NOT NULL,
    comment       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT silence_pk PRIMARY KEY (id),
    CONSTRAINT silence_period_ck CHECK (ends_at > starts_at),
    CONSTRAINT silence_matchers_ck CHECK (jsonb_typeof(matchers) = 'array' AND jsonb_array_length(matchers) >= 1),
    CONSTRAINT silence_weekly_ck CHECK (
        (weekly_days IS NULL AND weekly_start IS NULL AND weekly_end IS NULL)
        OR (weekly_days IS NOT NULL AND weekly_start IS NOT NULL AND weekly_end IS NOT NULL
            AND time_zone IS NOT NULL AND weekly_start <> weekly_end)),
    CONSTRAINT silence_comment_ck CHECK (length(comment) BETWEEN 1 AND 2000)
);
CREATE INDEX silence_ends_ix ON silence (ends_at);

-- An acknowledgement lasts until the level changes or it expires; the email's link carries the
-- alert's current ack token (a new one for each new problem).
ALTER TABLE alert_state ADD COLUMN acknowledged_until TIMESTAMPTZ;
ALTER TABLE alert_state ADD COLUMN ack_token TEXT;

-- What people and the notify side did about an alert, shown with its transitions.
CREATE TABLE alert_activity (
    id       BIGINT GENERATED ALWAYS AS IDENTITY,
    alert_id TEXT        NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    kind     TEXT        NOT NULL,
    actor    TEXT,
    detail   TEXT,
    CONSTRAINT alert_activity_pk PRIMARY KEY (id),
    CONSTRAINT alert_activity_kind_ck CHECK (
        kind IN ('acknowledged', 'unacknowledged', 'ack-expired', 'silenced', 'notified'))
);
CREATE INDEX alert_activity_alert_ix ON alert_activity (alert_id, at);
