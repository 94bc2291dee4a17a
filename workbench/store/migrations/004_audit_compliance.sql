-- Schema version 4: the audit trail, outbound contact rules, the do-not-call list.

-- Append-only: every entry chains the previous entry's hash (workbench/store/audit.py), so a
-- deleted or edited row breaks the chain and the store check at open names its seq.
CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    logged_at  TIMESTAMP NOT NULL,
    os_user    VARCHAR NOT NULL,
    machine    VARCHAR NOT NULL,
    event      VARCHAR NOT NULL,
    details    VARCHAR NOT NULL,   -- canonical JSON
    prev_hash  VARCHAR NOT NULL,
    hash       VARCHAR NOT NULL
);

-- Every version of the contact rules is a full snapshot (JSON), like target profiles.
CREATE TABLE contact_rules (
    version     INTEGER PRIMARY KEY,
    rules       VARCHAR NOT NULL,
    changed_at  TIMESTAMP NOT NULL,
    changed_by  VARCHAR,
    note        VARCHAR
);

-- The do-not-call list (import kind dnc): customers hashed with the campaigns' key.
CREATE TABLE dnc (
    customer_hash    VARCHAR NOT NULL,
    customer_masked  VARCHAR,
    listed_on        TIMESTAMP NOT NULL,
    reason           VARCHAR,
    import_id        INTEGER NOT NULL
);

-- A touch the customer refused (拒绝); and whether a touch breaks a contact rule, kept up to
-- date by workbench.compliance.refresh after each campaigns / dnc import and rule change.
-- (rebuilt: DuckDB 1.5 refuses two ADD COLUMNs on one table with rows in one transaction)
CREATE TABLE campaigns_v4 (
    campaign_id      VARCHAR NOT NULL,
    campaign_name    VARCHAR,
    customer_hash    VARCHAR,
    customer_masked  VARCHAR,
    touched_at       TIMESTAMP NOT NULL,
    channel          VARCHAR,
    agent_id         VARCHAR,
    reached          BOOLEAN,
    converted        BOOLEAN,
    product          VARCHAR,
    amount           DECIMAL(18, 2),
    complaint        BOOLEAN,
    import_id        INTEGER NOT NULL,
    refused          BOOLEAN,
    violation        BOOLEAN
);
INSERT INTO campaigns_v4 SELECT *, NULL, NULL FROM campaigns;
DROP TABLE campaigns;
ALTER TABLE campaigns_v4 RENAME TO campaigns;
