-- One row per change to a stakeholder or a link, written by the store function that made it,
-- in the same transaction. Its highest id is the data revision that map renders are cached
-- under (an append, not a hot counter row: bulk imports stay linear on PostgreSQL). The
-- audit trail will extend these rows with who changed what.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX changes_entity ON changes (entity, entity_id);
