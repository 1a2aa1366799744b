-- The changelog: one row per event (a deploy, a manual change, an alert transition, an inventory
-- change, a step of an outage), searchable by words, tags and time; the extra attributes and tag
-- suggestions each installation configures; and outages, whose timeline is made of their events.

-- Tags as text, for the full-text index. array_to_string is only STABLE (it looks up the element
-- type's output function), which a generated column refuses; for text[] the result never changes.
CREATE FUNCTION event_tags_text(tags TEXT[]) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_to_string(tags, ' ');

CREATE TABLE event (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    at         TIMESTAMPTZ NOT NULL,
    end_at     TIMESTAMPTZ,
    title      TEXT        NOT NULL,
    body       TEXT        NOT NULL DEFAULT '',
    -- Words (deploy) and key=value pairs (app=web), as given, in order, without duplicates.
    tags       TEXT[]      NOT NULL DEFAULT '{}',
    -- The key=value tags again, as {"app": ["web"], "outage": ["db-2026-03"]}: values are always
    -- lists, since a key may be given more than once. Queried with @> through the GIN index.
    attrs      JSONB       NOT NULL DEFAULT '{}',
    source     TEXT        NOT NULL,
    author     TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    -- Title and tags weigh more than the body in the ranking. Tags use the 'simple' configuration,
    -- so host and application names are not stemmed.
    search     TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('simple', event_tags_text(tags)), 'A')
        || setweight(to_tsvector('english', body), 'B')) STORED,
    CONSTRAINT event_pk PRIMARY KEY (id),
    CONSTRAINT event_title_ck CHECK (length(btrim(title)) BETWEEN 1 AND 500),
    CONSTRAINT event_body_ck CHECK (length(body) <= 262144),
    CONSTRAINT event_tags_ck CHECK (cardinality(tags) <= 100),
    CONSTRAINT event_end_ck CHECK (end_at IS NULL OR end_at >= at),
    CONSTRAINT event_source_ck CHECK (source IN ('web', 'api', 'cli', 'git', 'alert', 'inventory', 'graphite', 'anthracite'))
);
CREATE INDEX event_at_ix ON event (at DESC, id DESC);
CREATE INDEX event_search_ix ON event USING GIN (search);
CREATE INDEX event_tags_ix ON event USING GIN (tags);
CREATE INDEX event_attrs_ix ON event USING GIN (attrs jsonb_path_ops);

-- Extra attributes an installation asks for on every event (NetBox's custom fields): a key, the
-- label the form shows, whether it is mandatory, the allowed values (empty: free text) and whether
-- several values may be given. They are stored as key=value tags of the event.
CREATE TABLE event_attribute (
    key       TEXT    NOT NULL,
    label     TEXT    NOT NULL,
    mandatory BOOLEAN NOT NULL DEFAULT FALSE,
    choices   TEXT[]  NOT NULL DEFAULT '{}',
    multiple  BOOLEAN NOT NULL DEFAULT FALSE,
    position  INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT event_attribute_pk PRIMARY KEY (key),
    CONSTRAINT event_attribute_key_ck CHECK (key ~ '^[a-z][a-z0-9_.-]{0,39}$'),
    CONSTRAINT event_attribute_label_ck CHECK (length(btrim(label)) BETWEEN 1 AND 80)
);

-- Tags the event form offers with one click (deploy, config, maintenance, ...).
CREATE TABLE event_suggested_tag (
    tag      TEXT    NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT event_suggested_tag_pk PRIMARY KEY (tag),
    CONSTRAINT event_suggested_tag_ck CHECK (tag ~ '^[^\s]{1,200}$')
);
INSERT INTO event_suggested_tag (tag, position) VALUES
    ('deploy', 1), ('config', 2), ('maintenance', 3), ('manual', 4), ('rollback', 5), ('business', 6);

-- An outage: its key (the value of its events' outage=<key> tag), title and post-mortem. Start,
-- detection, resolution and impact are events, so the timeline and the report read one source.
-- application, when set, lets the first CRITICAL alert of that application mark it detected.
CREATE TABLE outage (
    key            TEXT        NOT NULL,
    title          TEXT        NOT NULL,
    application    TEXT,
    postmortem_url TEXT,
    created_by     TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT outage_pk PRIMARY KEY (key),
    CONSTRAINT outage_key_ck CHECK (key ~ '^[a-z0-9][a-z0-9._-]{0,79}$'),
    CONSTRAINT outage_title_ck CHECK (length(btrim(title)) BETWEEN 1 AND 300)
);
