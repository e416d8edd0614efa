-- veille archive, schema version 3: `articles` and `features` become rowid tables.
-- Applied once, inside one transaction, by crates/store/src/migrations.rs (foreign key
-- enforcement off while tables are rebuilt, checked before the commit).
--
-- Both hold large values (a compressed document, a linker features blob). In a WITHOUT ROWID
-- table the whole row lives in the primary-key b-tree: every lookup by id walks pages full of
-- payload and every insert splits them. As rowid tables, rows are appended in write order and
-- the id is found through a small index of ids. Same columns, same constraints.
CREATE TABLE articles_v3 (
    id          TEXT    PRIMARY KEY NOT NULL,
    seq         INTEGER NOT NULL UNIQUE,
    title       TEXT,
    published   TEXT,
    site        TEXT,
    language    TEXT,
    url         TEXT,
    first_seen  TEXT    NOT NULL,
    document    BLOB    NOT NULL  -- the Document as deflated JSON (plain JSON text is read too)
);
INSERT INTO articles_v3 (id, seq, title, published, site, language, url, first_seen, document)
    SELECT id, seq, title, published, site, language, url, first_seen, document
    FROM articles ORDER BY seq;
DROP TABLE articles;
ALTER TABLE articles_v3 RENAME TO articles;
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_site ON articles (site);
CREATE INDEX articles_language ON articles (language);

CREATE TABLE features_v3 (
    doc_id      TEXT    PRIMARY KEY NOT NULL REFERENCES articles (id),
    data        BLOB    NOT NULL
);
INSERT INTO features_v3 (doc_id, data)
    SELECT features.doc_id, features.data
    FROM features JOIN articles ON articles.id = features.doc_id
    ORDER BY articles.seq;
DROP TABLE features;
ALTER TABLE features_v3 RENAME TO features;
