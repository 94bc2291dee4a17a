-- Schema version 3: what exact figures on mixed months need (issue "figures an auditor can sign").
-- contacts.answered may be unknown (a file with no answered, talk or agent column);
-- contacts.human is FALSE for rows of bot / IVR channels, kept for linking, out of the
-- human-service indicators; next_contact_at is the same customer's next contact (any channel)
-- for the repeat-contact FCR; bot sessions gain the customer (keyed hash and mask) and the
-- time the customer reached an agent after a transfer; an import keeps its summary details
-- (ignored columns, warnings, derived fields); formula options are versioned like targets.

ALTER TABLE contacts ALTER COLUMN answered DROP NOT NULL;
ALTER TABLE contacts ADD COLUMN human BOOLEAN DEFAULT TRUE;
ALTER TABLE contacts ADD COLUMN next_contact_at TIMESTAMP;
ALTER TABLE bot_sessions ADD COLUMN customer_hash VARCHAR;
ALTER TABLE bot_sessions ADD COLUMN customer_masked VARCHAR;
ALTER TABLE bot_sessions ADD COLUMN agent_reached_at TIMESTAMP;
ALTER TABLE imports ADD COLUMN details JSON;

CREATE TABLE option_versions (
    version     INTEGER PRIMARY KEY,
    changed_at  TIMESTAMP NOT NULL,
    changed_by  VARCHAR,
    options     JSON NOT NULL
);
