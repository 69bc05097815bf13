-- Suggestions for the mechanism that a coordinator dismissed, so that they are not made again:
-- an actor for a body (kind 'reach'), or an actor for a commune and sector (kind 'gap').
CREATE TABLE suggestion_dismissals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    body_id BIGINT REFERENCES bodies (id) ON DELETE CASCADE,
    stakeholder_id BIGINT NOT NULL REFERENCES stakeholders (id),
    commune_ins TEXT,
    sector TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX suggestion_dismissals_body ON suggestion_dismissals (body_id);
