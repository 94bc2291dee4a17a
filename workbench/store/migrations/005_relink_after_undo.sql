-- Schema version 5: links that an undo of earlier versions left pointing at removed rows.
--
-- Until this version, undoing a contacts import removed its rows but not the links to them:
-- an older contact of the same customer kept the removed contact as its next one (the
-- repeat-contact FCR then counted a repeat that is no longer in the store), and a bot session
-- kept its hand-over to a removed agent contact. Both are recomputed here, once, over the
-- whole store, by the rules of workbench/importing/links.py (the next contact of the same
-- customer, any channel, by time then contact id; a transferred session reached an agent when
-- an answered human contact of its customer started within 30 minutes of it).
UPDATE contacts SET next_contact_at = n.next_at FROM (
    SELECT rowid AS r,
           lead(started_at) OVER (PARTITION BY customer_hash ORDER BY started_at, contact_id)
               AS next_at
    FROM contacts WHERE customer_hash IS NOT NULL
) n
WHERE contacts.rowid = n.r AND contacts.next_contact_at IS DISTINCT FROM n.next_at;

UPDATE bot_sessions SET agent_reached_at = (
    SELECT min(c.started_at) FROM contacts c
    WHERE c.customer_hash = bot_sessions.customer_hash AND c.answered AND c.human IS NOT FALSE
      AND c.started_at >= bot_sessions.started_at
      AND c.started_at <= bot_sessions.started_at + INTERVAL 30 MINUTE
)
WHERE transferred AND customer_hash IS NOT NULL;
