-- Derived work for several ingesting processes: every created or edited
-- article is queued for the one elected newsroom leader, by triggers, so the
-- queue entry commits in the same transaction as the article whatever code
-- path wrote it. Articles stored before this migration were analysed inline
-- and are not queued.
--
-- seq is AUTOINCREMENT so a sequence number is never reused after the queue
-- empties: the leader's completion deletes by (article_id, seq), and a reused
-- number could make it delete an entry queued after it read the old one.
CREATE TABLE analysis_queue (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
);

CREATE TRIGGER articles_queue_created AFTER INSERT ON articles
BEGIN
    INSERT INTO analysis_queue (article_id) VALUES (NEW.id);
END;

-- An edit re-queues the article at the back with a new seq.
CREATE TRIGGER articles_queue_edited AFTER UPDATE OF content_hash ON articles
WHEN OLD.content_hash IS NOT NEW.content_hash
BEGIN
    DELETE FROM analysis_queue WHERE article_id = NEW.id;
    INSERT INTO analysis_queue (article_id) VALUES (NEW.id);
END;

-- Database-wide leases with expiry (the newsroom leader). until is Unix
-- microseconds, like every other time column.
CREATE TABLE leases (
    name  TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    until INTEGER NOT NULL
) WITHOUT ROWID;
