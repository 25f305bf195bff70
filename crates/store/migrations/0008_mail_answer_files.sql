-- An answer's attachments are proof: they go into the evidence vault. The answer is recorded at
-- once (its text is what the user waits for); its attachments are listed here and kept (their
-- evidence id) by a pass that has the vault open, which reads the message again by its UID when
-- the vault was locked the first time.
ALTER TABLE mail_answers ADD COLUMN uid_validity INTEGER;
ALTER TABLE mail_answers ADD COLUMN uid INTEGER;

CREATE TABLE mail_answer_files (
    id          INTEGER PRIMARY KEY,
    answer_id   INTEGER NOT NULL REFERENCES mail_answers(id) ON DELETE CASCADE,
    -- Its place among the message's attachments, to find it again in the message.
    position    INTEGER NOT NULL CHECK (position >= 0),
    name        TEXT NOT NULL,
    -- Set once kept. Not a foreign key: the user removing the evidence must not bring it back.
    evidence_id TEXT,
    -- A stable code when it cannot be kept (too large, an image bomb, gone from the mailbox).
    problem     TEXT,
    UNIQUE (answer_id, position)
);
CREATE INDEX mail_answer_files_waiting ON mail_answer_files (answer_id)
    WHERE evidence_id IS NULL AND problem IS NULL;
