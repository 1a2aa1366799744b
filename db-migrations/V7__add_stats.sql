-- Graphs and embeds. A server's or application's Graphite prefix is pasted into Graphite targets,
-- so the database refuses what the forms refuse: path parts of letters, digits, - and _ between
-- dots, no wildcards, no function syntax.
ALTER TABLE server
    ADD CONSTRAINT server_graphite_prefix_ck
    CHECK (graphite_prefix IS NULL
           OR (graphite_prefix ~ '^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$' AND length(graphite_prefix) <= 200));

ALTER TABLE application
    ADD CONSTRAINT application_graphite_prefix_ck
    CHECK (graphite_prefix IS NULL
           OR (graphite_prefix ~ '^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$' AND length(graphite_prefix) <= 200));

-- Secrets this installation generates for itself once and shares between its instances, such as
-- the key embed tokens are derived from (unless OPSROOM_STATS_EMBED_KEY sets one).
CREATE TABLE instance_secret (
    name       TEXT        NOT NULL,
    value      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT instance_secret_pk PRIMARY KEY (name),
    CONSTRAINT instance_secret_name_ck CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    CONSTRAINT instance_secret_value_ck CHECK (length(value) BETWEEN 16 AND 512)
);
