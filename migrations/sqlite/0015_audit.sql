-- The audit trail. Every use case is one operation (who, which use case, when); each record it
-- changed is one row of `changes` with the record's values before and after (JSON objects of
-- its fields, secrets and derived columns left out), so that a change can be shown, and
-- reverted, alone or with its whole operation (an import, a survey submission). A revert is
-- itself an operation, naming the change or operation it reverts.
CREATE TABLE operations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    use_case TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    reverts_change BIGINT,
    reverts_operation BIGINT
);
CREATE INDEX operations_actor ON operations (actor);

ALTER TABLE changes ADD COLUMN operation BIGINT REFERENCES operations (id);
ALTER TABLE changes ADD COLUMN before_values TEXT;
ALTER TABLE changes ADD COLUMN after_values TEXT;
CREATE INDEX changes_operation ON changes (operation);
CREATE INDEX changes_at ON changes (at);
