-- Schema version 3: what exact figures on mixed months need (issue "figures an auditor can sign").
-- contacts.answered may be unknown (a file with no answered, talk or agent column);
-- contacts.human is FALSE for rows of bot / IVR channels, kept for linking, out of the
-- human-service indicators; next_contact_at is the same customer's next contact (any channel)
-- for the repeat-contact FCR; bot sessions gain the customer (keyed hash and mask) and the
-- time the customer reached an agent after a transfer; an import keeps its summary details
-- (ignored columns, warnings, derived fields); formula options are versioned like targets.

-- DuckDB 1.5 refuses two ADD COLUMNs on one table with rows in one transaction: the tables
-- that gain several columns are rebuilt (same columns and constraints, then the new ones).
CREATE TABLE contacts_v3 (
    contact_id       VARCHAR NOT NULL,
    started_at       TIMESTAMP NOT NULL,
    channel          VARCHAR,
    queue            VARCHAR,
    agent_id         VARCHAR,
    agent_name       VARCHAR,
    wait_s           DOUBLE,
    answered         BOOLEAN,
    talk_s           DOUBLE,
    hold_s           DOUBLE,
    acw_s            DOUBLE,
    transferred      BOOLEAN,
    resolved         BOOLEAN,
    csat_score       DOUBLE,
    csat_scale       SMALLINT,
    csat_satisfied   BOOLEAN,
    complaint        BOOLEAN,
    customer_hash    VARCHAR,
    customer_masked  VARCHAR,
    import_id        INTEGER NOT NULL,
    human            BOOLEAN DEFAULT TRUE,
    next_contact_at  TIMESTAMP
);
INSERT INTO contacts_v3 SELECT *, TRUE, NULL FROM contacts;
DROP TABLE contacts;
ALTER TABLE contacts_v3 RENAME TO contacts;

CREATE TABLE bot_sessions_v3 (
    session_id        VARCHAR NOT NULL,
    started_at        TIMESTAMP NOT NULL,
    channel           VARCHAR,
    questions         INTEGER,
    recognized        INTEGER,
    resolved          BOOLEAN,
    transferred       BOOLEAN,
    rating_score      DOUBLE,
    rating_scale      SMALLINT,
    rating_satisfied  BOOLEAN,
    import_id         INTEGER NOT NULL,
    customer_hash     VARCHAR,
    customer_masked   VARCHAR,
    agent_reached_at  TIMESTAMP
);
INSERT INTO bot_sessions_v3 SELECT *, NULL, NULL, NULL FROM bot_sessions;
DROP TABLE bot_sessions;
ALTER TABLE bot_sessions_v3 RENAME TO bot_sessions;
ALTER TABLE imports ADD COLUMN details JSON;

CREATE TABLE option_versions (
    version     INTEGER PRIMARY KEY,
    changed_at  TIMESTAMP NOT NULL,
    changed_by  VARCHAR,
    options     JSON NOT NULL
);
