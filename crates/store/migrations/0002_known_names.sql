-- veille archive, schema version 2: the names under which entities and places are known.
-- Applied once, inside one transaction, by crates/store/src/migrations.rs.
--
-- Every canonical name and surface form of an entity (and the surname of a person's name),
-- and every gazetteer name and written form of a place, seen in any stored document, folded
-- as the index folds words. A search for
-- "Poutine" looks the name up here, finds `person:vladimir-putin`, and matches every article
-- naming that identity, whatever its language. Filled when an article is stored; for an
-- archive created before this migration, filled from the stored documents when the
-- full-text index is rebuilt (which the same upgrade triggers).
CREATE TABLE known_names (
    kind        TEXT    NOT NULL,  -- 'entity' or 'place'
    name        TEXT    NOT NULL,  -- folded words joined by one space
    target      TEXT    NOT NULL,  -- entity id, or place key ('geonames:625144', 'name:minsk')
    PRIMARY KEY (kind, name, target)
) WITHOUT ROWID;
