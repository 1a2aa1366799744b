-- The inventory: where machines live, the servers and VMs, their addresses, the applications and
-- where they are deployed, who to call, DNS aliases, notes and the audit trail of every change.
-- Names are stored lower-case (the application normalizes them); the checks here keep rows that
-- bypass the application just as clean.

CREATE TABLE location (
    id          BIGINT GENERATED ALWAYS AS IDENTITY,
    name        TEXT        NOT NULL,
    provider    TEXT,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT location_pk PRIMARY KEY (id),
    CONSTRAINT location_name_ck CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$')
);
CREATE UNIQUE INDEX location_name_uq ON location (name);

CREATE TABLE server (
    id               BIGINT GENERATED ALWAYS AS IDENTITY,
    name             TEXT        NOT NULL,
    kind             TEXT        NOT NULL,
    host_id          BIGINT,
    location_id      BIGINT,
    environment      TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    primary_function TEXT,
    os               TEXT,
    cpus             INTEGER,
    memory_mb        INTEGER,
    disk_gb          INTEGER,
    graphite_prefix  TEXT,
    description      TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT server_pk PRIMARY KEY (id),
    CONSTRAINT server_host_fk FOREIGN KEY (host_id) REFERENCES server (id),
    CONSTRAINT server_location_fk FOREIGN KEY (location_id) REFERENCES location (id),
    CONSTRAINT server_name_ck CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$' AND length(name) <= 253),
    CONSTRAINT server_kind_ck CHECK (kind IN ('physical', 'virtual', 'cloud')),
    CONSTRAINT server_status_ck CHECK (status IN ('active', 'planned', 'decommissioned')),
    CONSTRAINT server_environment_ck CHECK (environment ~ '^[a-z][a-z0-9-]{0,31}$'),
    CONSTRAINT server_host_only_for_vm_ck CHECK (host_id IS NULL OR kind = 'virtual'),
    CONSTRAINT server_not_own_host_ck CHECK (host_id IS NULL OR host_id <> id),
    CONSTRAINT server_cpus_ck CHECK (cpus IS NULL OR cpus BETWEEN 1 AND 100000),
    CONSTRAINT server_memory_ck CHECK (memory_mb IS NULL OR memory_mb > 0),
    CONSTRAINT server_disk_ck CHECK (disk_gb IS NULL OR disk_gb > 0)
);
CREATE UNIQUE INDEX server_name_uq ON server (name);
CREATE INDEX server_host_ix ON server (host_id);
CREATE INDEX server_location_ix ON server (location_id);

CREATE TABLE ip_address (
    id        BIGINT GENERATED ALWAYS AS IDENTITY,
    server_id BIGINT NOT NULL,
    address   TEXT   NOT NULL,
    mac       TEXT,
    label     TEXT,
    position  INTEGER NOT NULL,
    CONSTRAINT ip_address_pk PRIMARY KEY (id),
    CONSTRAINT ip_address_server_fk FOREIGN KEY (server_id) REFERENCES server (id) ON DELETE CASCADE,
    CONSTRAINT ip_address_address_ck CHECK (family(address::inet) IN (4, 6)),
    CONSTRAINT ip_address_mac_ck CHECK (mac IS NULL OR mac ~ '^([0-9a-f]{2}:){5}[0-9a-f]{2}$')
);
CREATE UNIQUE INDEX ip_address_server_address_uq ON ip_address (server_id, address);
CREATE INDEX ip_address_address_ix ON ip_address (address);

CREATE TABLE application (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    name            TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    technology      TEXT,
    repository_url  TEXT,
    graphite_prefix TEXT,
    runbook_url     TEXT,
    status          TEXT        NOT NULL,
    description     TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT application_pk PRIMARY KEY (id),
    CONSTRAINT application_name_ck CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT application_status_ck CHECK (status IN ('active', 'planned', 'decommissioned'))
);
CREATE UNIQUE INDEX application_name_uq ON application (name);

CREATE TABLE deployment (
    id             BIGINT GENERATED ALWAYS AS IDENTITY,
    application_id BIGINT NOT NULL,
    server_id      BIGINT NOT NULL,
    role           TEXT   NOT NULL,
    CONSTRAINT deployment_pk PRIMARY KEY (id),
    CONSTRAINT deployment_application_fk FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT deployment_server_fk FOREIGN KEY (server_id) REFERENCES server (id),
    CONSTRAINT deployment_role_ck CHECK (role ~ '^[a-z][a-z0-9-]{0,31}$')
);
CREATE UNIQUE INDEX deployment_application_server_role_uq ON deployment (application_id, server_id, role);
CREATE INDEX deployment_server_ix ON deployment (server_id);

CREATE TABLE contact (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    name       TEXT        NOT NULL,
    email      TEXT        NOT NULL,
    phone      TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT contact_pk PRIMARY KEY (id),
    CONSTRAINT contact_email_ck CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND email = lower(email)),
    CONSTRAINT contact_name_ck CHECK (length(name) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX contact_email_uq ON contact (email);

-- A contact's role on one server or one application.
CREATE TABLE contact_assignment (
    id             BIGINT GENERATED ALWAYS AS IDENTITY,
    contact_id     BIGINT NOT NULL,
    server_id      BIGINT,
    application_id BIGINT,
    role           TEXT   NOT NULL,
    CONSTRAINT contact_assignment_pk PRIMARY KEY (id),
    CONSTRAINT contact_assignment_contact_fk FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
    CONSTRAINT contact_assignment_server_fk FOREIGN KEY (server_id) REFERENCES server (id) ON DELETE CASCADE,
    CONSTRAINT contact_assignment_application_fk FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT contact_assignment_role_ck CHECK (role IN ('owner', 'technical', 'business')),
    CONSTRAINT contact_assignment_one_object_ck CHECK ((server_id IS NULL) <> (application_id IS NULL))
);
CREATE UNIQUE INDEX contact_assignment_server_uq ON contact_assignment (server_id, contact_id, role) WHERE server_id IS NOT NULL;
CREATE UNIQUE INDEX contact_assignment_application_uq ON contact_assignment (application_id, contact_id, role) WHERE application_id IS NOT NULL;
CREATE INDEX contact_assignment_contact_ix ON contact_assignment (contact_id);

-- A DNS alias points at a server or an application. Aliases in our domains go through the
-- hostmaster (requested -> active, change-requested -> active, retire-requested -> retired); the
-- pending_* columns hold the target a change request asks for. External aliases are records only.
CREATE TABLE dns_alias (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY,
    hostname               TEXT        NOT NULL,
    server_id              BIGINT,
    application_id         BIGINT,
    status                 TEXT        NOT NULL,
    external               BOOLEAN     NOT NULL DEFAULT FALSE,
    description            TEXT,
    administrative_info    TEXT,
    pending_server_id      BIGINT,
    pending_application_id BIGINT,
    pending_reason         TEXT,
    confirm_token_hash     TEXT,
    requested_by           TEXT        NOT NULL,
    requested_at           TIMESTAMPTZ NOT NULL,
    confirmed_by           TEXT,
    confirmed_at           TIMESTAMPTZ,
    updated_at             TIMESTAMPTZ NOT NULL,
    CONSTRAINT dns_alias_pk PRIMARY KEY (id),
    CONSTRAINT dns_alias_server_fk FOREIGN KEY (server_id) REFERENCES server (id),
    CONSTRAINT dns_alias_application_fk FOREIGN KEY (application_id) REFERENCES application (id),
    CONSTRAINT dns_alias_pending_server_fk FOREIGN KEY (pending_server_id) REFERENCES server (id),
    CONSTRAINT dns_alias_pending_application_fk FOREIGN KEY (pending_application_id) REFERENCES application (id),
    CONSTRAINT dns_alias_hostname_ck CHECK (hostname ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$' AND length(hostname) <= 253),
    CONSTRAINT dns_alias_status_ck CHECK (status IN ('requested', 'active', 'change-requested', 'retire-requested', 'retired')),
    CONSTRAINT dns_alias_one_target_ck CHECK ((server_id IS NULL) <> (application_id IS NULL)),
    CONSTRAINT dns_alias_pending_target_ck CHECK (pending_server_id IS NULL OR pending_application_id IS NULL)
);
CREATE UNIQUE INDEX dns_alias_hostname_uq ON dns_alias (hostname);
CREATE INDEX dns_alias_server_ix ON dns_alias (server_id);
CREATE INDEX dns_alias_application_ix ON dns_alias (application_id);

-- Notes are a journal: added, never edited (the trigger below refuses updates).
CREATE TABLE note (
    id             BIGINT GENERATED ALWAYS AS IDENTITY,
    server_id      BIGINT,
    application_id BIGINT,
    alias_id       BIGINT,
    kind           TEXT        NOT NULL,
    body           TEXT        NOT NULL,
    author         TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT note_pk PRIMARY KEY (id),
    CONSTRAINT note_server_fk FOREIGN KEY (server_id) REFERENCES server (id) ON DELETE CASCADE,
    CONSTRAINT note_application_fk FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
    CONSTRAINT note_alias_fk FOREIGN KEY (alias_id) REFERENCES dns_alias (id) ON DELETE CASCADE,
    CONSTRAINT note_kind_ck CHECK (kind IN ('info', 'change', 'warning')),
    CONSTRAINT note_body_ck CHECK (length(body) BETWEEN 1 AND 65536),
    CONSTRAINT note_one_object_ck CHECK (num_nonnulls(server_id, application_id, alias_id) = 1)
);
CREATE INDEX note_server_ix ON note (server_id, created_at);
CREATE INDEX note_application_ix ON note (application_id, created_at);
CREATE INDEX note_alias_ix ON note (alias_id, created_at);

CREATE FUNCTION note_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'notes are append-only';
END;
$$;
CREATE TRIGGER note_append_only_tr BEFORE UPDATE ON note FOR EACH ROW EXECUTE FUNCTION note_refuse_update();

-- The audit trail: who changed which inventory object when, with its state before and after.
-- object_id is not a foreign key: the trail outlives the objects it describes.
CREATE TABLE object_change (
    id          BIGINT GENERATED ALWAYS AS IDENTITY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    object_type TEXT        NOT NULL,
    object_id   BIGINT      NOT NULL,
    object_name TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    summary     TEXT        NOT NULL,
    before_data JSONB,
    after_data  JSONB,
    CONSTRAINT object_change_pk PRIMARY KEY (id),
    CONSTRAINT object_change_action_ck CHECK (action IN ('create', 'update', 'delete')),
    CONSTRAINT object_change_type_ck CHECK (object_type IN ('location', 'server', 'application', 'contact', 'alias'))
);
CREATE INDEX object_change_object_ix ON object_change (object_type, object_id, at);
CREATE INDEX object_change_at_ix ON object_change (at);
