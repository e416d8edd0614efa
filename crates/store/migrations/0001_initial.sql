-- veille archive, schema version 1.
-- Applied once, inside one transaction, by crates/store/src/migrations.rs.

-- One row per distinct content (veille content id). `seq` grows every time a row is written
-- and drives the full-text index: tantivy records the last `seq` it indexed.
CREATE TABLE articles (
    id          TEXT    PRIMARY KEY NOT NULL,
    seq         INTEGER NOT NULL UNIQUE,
    title       TEXT,
    published   TEXT,
    site        TEXT,
    language    TEXT,
    url         TEXT,
    first_seen  TEXT    NOT NULL,
    document    BLOB    NOT NULL  -- the Document as deflated JSON (plain JSON text is read too)
) WITHOUT ROWID;
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_site ON articles (site);
CREATE INDEX articles_language ON articles (language);

-- Every place a content was seen. Reading the same place twice adds nothing.
CREATE TABLE sightings (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT    NOT NULL REFERENCES articles (id),
    locator     TEXT    NOT NULL,
    site        TEXT,
    published   TEXT,
    ingested_at TEXT    NOT NULL,
    UNIQUE (doc_id, locator)
);

-- Opaque per-document state of the linker (MinHash signature etc.).
CREATE TABLE features (
    doc_id      TEXT    PRIMARY KEY NOT NULL REFERENCES articles (id),
    data        BLOB    NOT NULL
) WITHOUT ROWID;

-- Explained relations between documents.
CREATE TABLE links (
    source      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    score       REAL    NOT NULL,
    evidence    TEXT    NOT NULL,
    PRIMARY KEY (source, target, kind)
) WITHOUT ROWID;
CREATE INDEX links_target ON links (target);

-- Stories, stored whole as JSON, with the columns needed to list them.
CREATE TABLE stories (
    id          TEXT    PRIMARY KEY NOT NULL,
    title       TEXT    NOT NULL,
    first_seen  TEXT,
    last_seen   TEXT,
    n_members   INTEGER NOT NULL,
    story       TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX stories_last_seen ON stories (last_seen);

-- Which documents belong to which story (the story JSON holds the explanations too).
CREATE TABLE story_members (
    story_id    TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    doc_id      TEXT    NOT NULL,
    score       REAL    NOT NULL,
    PRIMARY KEY (story_id, doc_id)
) WITHOUT ROWID;
CREATE INDEX story_members_doc ON story_members (doc_id);
