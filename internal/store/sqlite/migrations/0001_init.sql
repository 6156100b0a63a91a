-- nashra SQLite schema, version 1.
--
-- Times are INTEGER microseconds since the Unix epoch (UTC); 0 means "unset".
-- Microseconds match PostgreSQL's timestamptz precision, so both stores
-- round-trip the same values.

CREATE TABLE sources (
    id         TEXT PRIMARY KEY,
    name_ar    TEXT NOT NULL DEFAULT '',
    name_en    TEXT NOT NULL DEFAULT '',
    home_url   TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT '',
    country    TEXT NOT NULL DEFAULT '',
    logo_url   TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE feeds (
    id                   INTEGER PRIMARY KEY,
    source_id            TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    url                  TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL DEFAULT '',
    category             TEXT NOT NULL DEFAULT '',
    interval_us          INTEGER NOT NULL DEFAULT 0,
    next_poll_at         INTEGER NOT NULL DEFAULT 0,
    etag                 TEXT NOT NULL DEFAULT '',
    last_modified        TEXT NOT NULL DEFAULT '',
    gone                 INTEGER NOT NULL DEFAULT 0,
    last_polled_at       INTEGER NOT NULL DEFAULT 0,
    last_success_at      INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT NOT NULL DEFAULT '',
    lease_owner          TEXT NOT NULL DEFAULT '',
    lease_until          INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL
);
CREATE INDEX feeds_source ON feeds(source_id);
-- The scheduler's hot query: due feeds that are still polled.
CREATE INDEX feeds_due ON feeds(next_poll_at) WHERE gone = 0;

CREATE TABLE fetch_log (
    id          INTEGER PRIMARY KEY,
    feed_id     INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    source_id   TEXT NOT NULL,
    url         TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    duration_us INTEGER NOT NULL,
    status      INTEGER NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    items       INTEGER NOT NULL DEFAULT 0,
    new_items   INTEGER NOT NULL DEFAULT 0,
    bytes       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fetch_log_started ON fetch_log(started_at);
CREATE INDEX fetch_log_source ON fetch_log(source_id, started_at);
CREATE INDEX fetch_log_feed ON fetch_log(feed_id);

-- rid is the integer key the FTS index shares as its rowid, and it is
-- time-ordered: (published_at in whole seconds << 20) + a slot counting the
-- articles stored for that second. Walking the FTS index in rowid order is
-- then walking it newest-first, so "newest matches" and "rank the newest N
-- matches" stop early instead of sorting every match (see search.go). It is
-- INTEGER PRIMARY KEY so VACUUM can never renumber it; id is the public key.
-- source_id and feed_id carry no foreign key on purpose: articles outlive the
-- sources and feeds they came from.
CREATE TABLE articles (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT NOT NULL UNIQUE,
    source_id    TEXT NOT NULL,
    feed_id      INTEGER NOT NULL DEFAULT 0,
    category     TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    title_key    TEXT NOT NULL DEFAULT '',
    author       TEXT NOT NULL DEFAULT '',
    published_at INTEGER NOT NULL,
    fetched_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    language     TEXT NOT NULL DEFAULT '',
    excerpt      TEXT NOT NULL DEFAULT '',
    image_url    TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,
    duplicate_of TEXT NOT NULL DEFAULT '',
    story_id     TEXT NOT NULL DEFAULT '',
    wire_agency  TEXT NOT NULL DEFAULT '',
    -- Large columns last: SQLite stops decoding a record at the last column
    -- a query needs, so listings never walk the body's overflow pages.
    body_text    TEXT NOT NULL DEFAULT '',
    body_html    TEXT NOT NULL DEFAULT ''
);
-- Keyset listings: newest first, optionally narrowed by one filter column.
CREATE INDEX articles_newest ON articles(published_at DESC, id DESC);
CREATE INDEX articles_source_newest ON articles(source_id, published_at DESC, id DESC);
CREATE INDEX articles_lang_newest ON articles(language, published_at DESC, id DESC);
CREATE INDEX articles_category_newest ON articles(category, published_at DESC, id DESC) WHERE category <> '';
CREATE INDEX articles_story_newest ON articles(story_id, published_at DESC, id DESC) WHERE story_id <> '';
-- Oldest-first scans walk the same b-tree backwards via articles_newest.
-- Title suggestions: prefix ranges over the folded title.
CREATE INDEX articles_title_key ON articles(title_key);

-- published_at is copied from the article so hashtag listings and trending
-- counts are pure index range scans.
CREATE TABLE article_hashtags (
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    position     INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX article_hashtags_tag_newest ON article_hashtags(tag, published_at DESC, article_id DESC);
CREATE INDEX article_hashtags_published ON article_hashtags(published_at, tag);

-- Distinct hashtags with their article counts, for suggestions.
CREATE TABLE hashtags (
    tag      TEXT PRIMARY KEY,
    tag_key  TEXT NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX hashtags_key ON hashtags(tag_key);

-- Source names folded for suggestions: one row per name form.
CREATE TABLE source_keys (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name_key  TEXT NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (source_id, name_key)
) WITHOUT ROWID;
CREATE INDEX source_keys_key ON source_keys(name_key);

CREATE TABLE stories (
    id                TEXT PRIMARY KEY,
    headline          TEXT NOT NULL DEFAULT '',
    lead_article_id   TEXT NOT NULL DEFAULT '',
    first_reported_at INTEGER NOT NULL DEFAULT 0,
    first_source_id   TEXT NOT NULL DEFAULT '',
    last_updated_at   INTEGER NOT NULL DEFAULT 0,
    size              INTEGER NOT NULL DEFAULT 0,
    sources           TEXT NOT NULL DEFAULT '[]', -- JSON array, first reporter first
    hashtags          TEXT NOT NULL DEFAULT '[]', -- JSON array
    language          TEXT NOT NULL DEFAULT ''    -- the lead article's language
);
CREATE INDEX stories_updated ON stories(last_updated_at);

-- related_id is not a foreign key: a related article could be removed by a
-- later retention job without invalidating the list; reads join it away.
CREATE TABLE related (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    rank       INTEGER NOT NULL,
    related_id TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    shared     TEXT NOT NULL DEFAULT '[]', -- JSON array
    same_story INTEGER NOT NULL DEFAULT 0,
    score      REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, rank)
) WITHOUT ROWID;

-- Full-text index over the pre-analysed token text (news.IndexDoc). Tokens
-- are already normalised and never contain spaces, so the tokenizer must
-- only split on whitespace: unicode61 with every letter, number, mark,
-- punctuation and symbol category as token characters does exactly that
-- (and its case folding is a no-op on analysed text). rowid = articles.rid.
--
-- meta holds filter tokens ("all", "src:<source>", "lang:<language>") so
-- source and language filters are doclist intersections inside the index
-- rather than a join per match; user terms are always restricted to the
-- five text columns, so they can never match a meta token.
--
-- The table keeps its own copy of the token text so Article() can return
-- the IndexDoc and the FTS integrity check can verify the index.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, body, author, source, tags, meta,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
);
