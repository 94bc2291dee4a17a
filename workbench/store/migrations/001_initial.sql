-- Schema version 1: one table per data kind (data-kinds.md), the import log and its rejects.
-- Timestamps are TIMESTAMP WITHOUT TIME ZONE holding the export's local wall-clock time.
-- Durations are seconds (DOUBLE). Ratios arriving as summaries are stored as counts.

CREATE SEQUENCE import_id_seq START 1;

CREATE TABLE imports (
    id           INTEGER PRIMARY KEY DEFAULT nextval('import_id_seq'),
    file_name    VARCHAR NOT NULL,
    path         VARCHAR,
    sha256       VARCHAR NOT NULL UNIQUE,
    kind         VARCHAR NOT NULL,
    sheet        VARCHAR,
    rows         BIGINT NOT NULL,
    rejected     BIGINT NOT NULL,
    skipped      JSON,
    mapping      JSON,
    kind_reason  VARCHAR,
    imported_at  TIMESTAMP NOT NULL,
    imported_by  VARCHAR
);

CREATE TABLE rejects (
    import_id    INTEGER NOT NULL,
    sheet        VARCHAR,
    row_number   BIGINT,
    column_name  VARCHAR,
    reason       VARCHAR NOT NULL,
    value        VARCHAR
);

CREATE TABLE contacts (
    contact_id       VARCHAR NOT NULL,
    started_at       TIMESTAMP NOT NULL,
    channel          VARCHAR,
    queue            VARCHAR,
    agent_id         VARCHAR,
    agent_name       VARCHAR,
    wait_s           DOUBLE,
    answered         BOOLEAN NOT NULL,
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
    import_id        INTEGER NOT NULL
);

CREATE TABLE intervals (
    period_start       TIMESTAMP NOT NULL,
    interval_s         INTEGER,
    queue              VARCHAR,
    offered            BIGINT NOT NULL,
    answered           BIGINT NOT NULL,
    abandoned          BIGINT,
    answered_in_sl     BIGINT,
    sl_threshold_s     INTEGER,
    answer_wait_sum_s  DOUBLE,   -- ASA x answered
    handle_sum_s       DOUBLE,   -- AHT x answered
    talk_sum_s         DOUBLE,   -- average talk x answered
    queue_wait_sum_s   DOUBLE,   -- average waiting time x offered
    import_id          INTEGER NOT NULL
);

CREATE TABLE agent_states (
    agent_id      VARCHAR NOT NULL,
    agent_name    VARCHAR,
    period_start  TIMESTAMP NOT NULL,
    logged_in_s   DOUBLE,
    available_s   DOUBLE,
    talk_s        DOUBLE,
    hold_s        DOUBLE,
    acw_s         DOUBLE,
    not_ready_s   DOUBLE,
    scheduled_s   DOUBLE,
    import_id     INTEGER NOT NULL
);

CREATE TABLE bot_sessions (
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
    import_id         INTEGER NOT NULL
);

CREATE TABLE campaigns (
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
    import_id        INTEGER NOT NULL
);

CREATE TABLE quality (
    agent_id      VARCHAR NOT NULL,
    inspected_at  TIMESTAMP NOT NULL,
    contact_id    VARCHAR,
    score         DOUBLE,
    fatal         BOOLEAN,
    import_id     INTEGER NOT NULL
);
