-- A ticket being created: written before the helpdesk is asked, removed in the transaction that
-- records the created ticket. A row left behind (a timeout, a lost answer, a crash) makes the
-- next attempt a retry with the same key, so the helpdesk never opens a second ticket.
CREATE TABLE pending_tickets (
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    helpdesk  TEXT NOT NULL REFERENCES helpdesks(name) ON DELETE CASCADE,
    -- Zendesk's Idempotency-Key; 128 random bits.
    idem_key  TEXT NOT NULL UNIQUE,
    -- The first attempt's moment, UTC 'YYYY-MM-DD HH:MM:SS' (RT's TicketSQL form).
    since     TEXT NOT NULL,
    -- Attempts made before this one.
    attempts  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (case_id, helpdesk)
);
