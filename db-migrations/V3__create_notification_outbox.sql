-- The notification outbox. A notification is a row first and a message second: features insert it
-- in the transaction of the change that causes it, and OutboxDrainJob sends it afterwards, retrying
-- with backoff. The unique dedupe key makes one cause send at most one message, across restarts and
-- across instances (which claim rows with SELECT ... FOR UPDATE SKIP LOCKED).

CREATE TABLE notification (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    dedupe_key      TEXT        NOT NULL,
    -- How the payload is delivered. New channels (slack, pagerduty, webhook) extend the check.
    channel         TEXT        NOT NULL,
    -- What to send, in the channel's own shape (for email: recipients, subject, HTML and text).
    payload         JSONB       NOT NULL,
    -- pending: waits for next_attempt_at; sent: delivered; failed: cannot be sent at all (its
    -- payload is unreadable), never retried; dead: gave up after the configured attempts.
    status          TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    CONSTRAINT notification_pk PRIMARY KEY (id),
    CONSTRAINT notification_dedupe_key_ck CHECK (length(dedupe_key) BETWEEN 1 AND 200),
    CONSTRAINT notification_channel_ck CHECK (channel IN ('email')),
    CONSTRAINT notification_status_ck CHECK (status IN ('pending', 'sent', 'failed', 'dead')),
    CONSTRAINT notification_attempts_ck CHECK (attempts >= 0),
    CONSTRAINT notification_sent_at_ck CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE UNIQUE INDEX notification_dedupe_key_uq ON notification (dedupe_key);
-- The drain's query (status = 'pending' AND next_attempt_at <= now ORDER BY next_attempt_at) and
-- the per-status counts behind the metrics.
CREATE INDEX notification_status_next_attempt_ix ON notification (status, next_attempt_at);
