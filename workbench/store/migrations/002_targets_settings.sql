-- Schema version 2: target profiles with history, formula options, saved header mappings,
-- and the store's own secrets (the key for hashing personal data).

CREATE TABLE store_meta (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);

-- Every version of the target profile is a full snapshot: one row per indicator per version.
CREATE TABLE targets (
    version         INTEGER NOT NULL,
    kpi_id          VARCHAR NOT NULL,
    op              VARCHAR NOT NULL,      -- '>=', '<=', 'band'
    low             DOUBLE,
    high            DOUBLE,
    at_risk_margin  DOUBLE,
    PRIMARY KEY (version, kpi_id)
);

CREATE TABLE target_versions (
    version     INTEGER PRIMARY KEY,
    changed_at  TIMESTAMP NOT NULL,
    changed_by  VARCHAR,
    note        VARCHAR
);

CREATE TABLE settings (
    key    VARCHAR PRIMARY KEY,
    value  JSON NOT NULL
);

CREATE TABLE mapping_profiles (
    name        VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,
    mapping     JSON NOT NULL,          -- {"field": "source header", ...}
    created_at  TIMESTAMP NOT NULL
);
