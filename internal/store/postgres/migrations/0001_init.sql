-- nashra PostgreSQL schema, version 1. It mirrors the SQLite schema
-- (internal/store/sqlite/migrations) table for table.
--
-- Times are timestamptz NOT NULL with the epoch meaning "unset", exactly as
-- 0 does in SQLite, so both stores give the same zero-time semantics.
-- Suggestion keys are COLLATE "C": prefix ranges [key, key || U+10FFFF)
-- need code-point order, not a locale's.

CREATE TABLE sources (
    id         text PRIMARY KEY,
    name_ar    text NOT NULL DEFAULT '',
    name_en    text NOT NULL DEFAULT '',
    home_url   text NOT NULL DEFAULT '',
    language   text NOT NULL DEFAULT '',
    country    text NOT NULL DEFAULT '',
    logo_url   text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE feeds (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id            text NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    url                  text NOT NULL UNIQUE,
    kind                 text NOT NULL DEFAULT '',
    category             text NOT NULL DEFAULT '',
    interval_us          bigint NOT NULL DEFAULT 0,
    next_poll_at         timestamptz NOT NULL DEFAULT 'epoch',
    etag                 text NOT NULL DEFAULT '',
    last_modified        text NOT NULL DEFAULT '',
    gone                 boolean NOT NULL DEFAULT false,
    last_polled_at       timestamptz NOT NULL DEFAULT 'epoch',
    last_success_at      timestamptz NOT NULL DEFAULT 'epoch',
    consecutive_failures integer NOT NULL DEFAULT 0,
    last_error           text NOT NULL DEFAULT '',
    lease_owner          text NOT NULL DEFAULT '',
    lease_until          timestamptz NOT NULL DEFAULT 'epoch',
    created_at           timestamptz NOT NULL
);
CREATE INDEX feeds_source ON feeds(source_id);
CREATE INDEX feeds_due ON feeds(next_poll_at) WHERE NOT gone;

CREATE TABLE fetch_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feed_id     bigint NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    source_id   text NOT NULL,
    url         text NOT NULL,
    started_at  timestamptz NOT NULL,
    duration_us bigint NOT NULL,
    status      integer NOT NULL,
    error       text NOT NULL DEFAULT '',
    items       integer NOT NULL DEFAULT 0,
    new_items   integer NOT NULL DEFAULT 0,
    bytes       bigint NOT NULL DEFAULT 0
);
CREATE INDEX fetch_log_started ON fetch_log(started_at);
CREATE INDEX fetch_log_source ON fetch_log(source_id, started_at);
CREATE INDEX fetch_log_feed ON fetch_log(feed_id);

-- source_id and feed_id carry no foreign key on purpose: articles outlive
-- the sources and feeds they came from.
--
-- idx_* hold the analysed token text (news.IndexDoc) so Article() can
-- return it; tsv is built from it by the store (see tsvector.go): lexemes
-- exactly as analysed, weights A title, B tags, C author/source, D body.
CREATE TABLE articles (
    id           text PRIMARY KEY,
    url          text NOT NULL UNIQUE,
    source_id    text NOT NULL,
    feed_id      bigint NOT NULL DEFAULT 0,
    category     text NOT NULL DEFAULT '',
    title        text NOT NULL,
    title_key    text COLLATE "C" NOT NULL DEFAULT '',
    author       text NOT NULL DEFAULT '',
    published_at timestamptz NOT NULL,
    fetched_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    language     text NOT NULL DEFAULT '',
    excerpt      text NOT NULL DEFAULT '',
    image_url    text NOT NULL DEFAULT '',
    content_hash text NOT NULL,
    duplicate_of text NOT NULL DEFAULT '',
    story_id     text NOT NULL DEFAULT '',
    wire_agency  text NOT NULL DEFAULT '',
    body_text    text NOT NULL DEFAULT '',
    body_html    text NOT NULL DEFAULT '',
    idx_title    text NOT NULL DEFAULT '',
    idx_body     text NOT NULL DEFAULT '',
    idx_author   text NOT NULL DEFAULT '',
    idx_source   text NOT NULL DEFAULT '',
    idx_tags     text NOT NULL DEFAULT '',
    tsv          tsvector NOT NULL DEFAULT ''
);
CREATE INDEX articles_newest ON articles(published_at DESC, id DESC);
CREATE INDEX articles_source_newest ON articles(source_id, published_at DESC, id DESC);
CREATE INDEX articles_lang_newest ON articles(language, published_at DESC, id DESC);
CREATE INDEX articles_category_newest ON articles(category, published_at DESC, id DESC) WHERE category <> '';
CREATE INDEX articles_story_newest ON articles(story_id, published_at DESC, id DESC) WHERE story_id <> '';
CREATE INDEX articles_title_key ON articles(title_key);
CREATE INDEX articles_tsv ON articles USING gin (tsv);

CREATE TABLE article_hashtags (
    article_id   text NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag          text NOT NULL,
    position     integer NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX article_hashtags_tag_newest ON article_hashtags(tag, published_at DESC, article_id DESC);
CREATE INDEX article_hashtags_published ON article_hashtags(published_at, tag);

CREATE TABLE hashtags (
    tag      text PRIMARY KEY,
    tag_key  text COLLATE "C" NOT NULL,
    articles integer NOT NULL DEFAULT 0
);
CREATE INDEX hashtags_key ON hashtags(tag_key);

CREATE TABLE source_keys (
    source_id text NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name_key  text COLLATE "C" NOT NULL,
    name      text NOT NULL,
    PRIMARY KEY (source_id, name_key)
);
CREATE INDEX source_keys_key ON source_keys(name_key);

CREATE TABLE stories (
    id                text PRIMARY KEY,
    headline          text NOT NULL DEFAULT '',
    lead_article_id   text NOT NULL DEFAULT '',
    first_reported_at timestamptz NOT NULL DEFAULT 'epoch',
    first_source_id   text NOT NULL DEFAULT '',
    last_updated_at   timestamptz NOT NULL DEFAULT 'epoch',
    size              integer NOT NULL DEFAULT 0,
    sources           text[] NOT NULL DEFAULT '{}', -- first reporter first
    hashtags          text[] NOT NULL DEFAULT '{}',
    language          text NOT NULL DEFAULT ''      -- the lead article's language
);
CREATE INDEX stories_updated ON stories(last_updated_at);

CREATE TABLE related (
    article_id text NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    rank       integer NOT NULL,
    related_id text NOT NULL,
    reason     text NOT NULL DEFAULT '',
    shared     text[] NOT NULL DEFAULT '{}',
    same_story boolean NOT NULL DEFAULT false,
    score      double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, rank)
);
