-- Survey campaigns and their invitations. A campaign keeps the text of its questionnaire so
-- that later edits of the file do not change an open campaign. An invitation stores only a
-- hash of its link's token.
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    definition_id TEXT NOT NULL,
    definition_version BIGINT NOT NULL,
    definition TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    stakeholder_id BIGINT NOT NULL REFERENCES stakeholders (id),
    token_hash TEXT UNIQUE,
    lang TEXT NOT NULL,
    created_at TEXT NOT NULL,
    submitted_at TEXT,
    UNIQUE (campaign_id, stakeholder_id)
);
