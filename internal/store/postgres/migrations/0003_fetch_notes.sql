-- Notes: what a poll has to tell an operator that is not a failure, such as
-- a feed that moved permanently to a new URL. They used to be written to the
-- error columns, so a move looked like a failure on every health page. A
-- feed's last_note is the note of its latest poll, like last_error.
-- A constant default makes ADD COLUMN a catalogue change, not a rewrite.
ALTER TABLE fetch_log ADD COLUMN note text NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN last_note text NOT NULL DEFAULT '';

-- Move notes recorded as errors before this migration become notes. Only a
-- successful poll records a move, and no failure's text starts this way.
UPDATE fetch_log SET note = error, error = '' WHERE error LIKE 'feed moved permanently%';
UPDATE feeds SET last_note = last_error, last_error = ''
    WHERE consecutive_failures = 0 AND last_error LIKE 'feed moved permanently%';
