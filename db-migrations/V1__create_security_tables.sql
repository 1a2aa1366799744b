-- Users, their browser sessions and API tokens. Secrets are never stored: passwords as bcrypt,
-- session ids and tokens as SHA-256 hashes.

CREATE TABLE app_user (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    username      TEXT        NOT NULL,
    display_name  TEXT,
    email         TEXT,
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL,
    active        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_login_at TIMESTAMPTZ,
    CONSTRAINT app_user_pk PRIMARY KEY (id),
    CONSTRAINT app_user_role_ck CHECK (role IN ('viewer', 'editor', 'admin')),
    CONSTRAINT app_user_username_ck CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,62}$')
);
CREATE UNIQUE INDEX app_user_username_uq ON app_user (username);

CREATE TABLE user_session (
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    id_hash      TEXT        NOT NULL,
    user_id      BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT user_session_pk PRIMARY KEY (id),
    CONSTRAINT user_session_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX user_session_id_hash_uq ON user_session (id_hash);
CREATE INDEX user_session_user_ix ON user_session (user_id);

CREATE TABLE api_token (
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    name         TEXT        NOT NULL,
    token_hash   TEXT        NOT NULL,
    token_prefix TEXT        NOT NULL,
    role         TEXT        NOT NULL,
    created_by   BIGINT,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    CONSTRAINT api_token_pk PRIMARY KEY (id),
    CONSTRAINT api_token_role_ck CHECK (role IN ('viewer', 'editor', 'admin')),
    CONSTRAINT api_token_name_ck CHECK (length(name) BETWEEN 1 AND 100),
    CONSTRAINT api_token_created_by_fk FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX api_token_token_hash_uq ON api_token (token_hash);
