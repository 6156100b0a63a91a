-- Derived work for several ingesting nodes: every created or edited article
-- is queued for the one elected newsroom leader, by triggers, so the queue
-- entry commits in the same transaction as the article whatever code path
-- wrote it. Articles stored before this migration were analysed inline and
-- are not queued.
--
-- seq comes from a sequence, so it orders entries by when they were queued,
-- not strictly by commit: a transaction holding a lower seq may commit after
-- a higher one. The leader therefore never keeps a cursor; it always reads
-- the whole head of the queue, so a late commit is picked up by the next
-- batch instead of being skipped.
CREATE TABLE analysis_queue (
    seq        bigserial PRIMARY KEY,
    article_id text NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
);

CREATE FUNCTION nashra_queue_analysis() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO analysis_queue (article_id) VALUES (NEW.id)
    ON CONFLICT (article_id) DO UPDATE SET seq = nextval(pg_get_serial_sequence('analysis_queue', 'seq'));
    RETURN NULL;
END;
$$;

CREATE TRIGGER articles_queue_created AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION nashra_queue_analysis();

-- An edit re-queues the article at the back with a new seq.
CREATE TRIGGER articles_queue_edited AFTER UPDATE OF content_hash ON articles
    FOR EACH ROW WHEN (OLD.content_hash IS DISTINCT FROM NEW.content_hash)
    EXECUTE FUNCTION nashra_queue_analysis();

-- Database-wide leases with expiry (the newsroom leader), timed by the
-- database's clock so nodes with skewed clocks agree on expiry.
CREATE TABLE leases (
    name  text PRIMARY KEY,
    owner text NOT NULL,
    until timestamptz NOT NULL
);
