-- Snapshots: the network frozen under a name and a date (stakeholders, links, bodies, main
-- measures; organisation-level data only), kept as one JSON document each.
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    taken_on TEXT NOT NULL,
    stakeholders BIGINT NOT NULL,
    links BIGINT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL
);
