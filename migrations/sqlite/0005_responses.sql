-- Survey answers. A response holds the respondent's answers (JSON, keyed by question id):
-- a draft until submitted, amendable until the campaign closes. Ties keep each declaration
-- of a network question (who named whom, with which attributes) and the link derived from
-- it. New organisations proposed by respondents and corrections to a respondent's own
-- record wait for a coordinator's decision.
CREATE TABLE responses (
    invitation_id BIGINT PRIMARY KEY REFERENCES invitations (id),
    answers TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    -- The answers as last sent: what results and exports read, while edits since are a draft.
    submitted_answers TEXT,
    submitted_at TEXT
);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    invitation_id BIGINT NOT NULL REFERENCES invitations (id),
    name TEXT NOT NULL,
    level_code TEXT NOT NULL,
    kind_code TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    stakeholder_id BIGINT REFERENCES stakeholders (id),
    created_at TEXT NOT NULL,
    decided_at TEXT
);

CREATE TABLE ties (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    invitation_id BIGINT NOT NULL REFERENCES invitations (id),
    question_id TEXT NOT NULL,
    respondent_id BIGINT NOT NULL REFERENCES stakeholders (id),
    alter_id BIGINT REFERENCES stakeholders (id),
    proposal_id BIGINT REFERENCES proposals (id),
    tie_type TEXT NOT NULL,
    frequency TEXT,
    formal TEXT,
    satisfaction BIGINT,
    link_id BIGINT REFERENCES links (id)
);
CREATE INDEX ties_invitation ON ties (invitation_id);
CREATE INDEX ties_link ON ties (link_id);
CREATE INDEX ties_campaign ON ties (campaign_id);

CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    invitation_id BIGINT NOT NULL REFERENCES invitations (id),
    stakeholder_id BIGINT NOT NULL REFERENCES stakeholders (id),
    field TEXT NOT NULL,
    current_value TEXT,
    proposed_value TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX corrections_stakeholder ON corrections (stakeholder_id, status);

-- Where a change came from when it was not typed by a coordinator (e.g. survey:3/17).
ALTER TABLE changes ADD COLUMN detail TEXT;

-- An undirected link of a type is one link whatever the order of its ends: enforced by the
-- database too, so that two writers racing (two respondents naming each other at the same
-- moment) cannot create it twice.
CREATE UNIQUE INDEX links_undirected ON links (min(source_id, target_id), max(source_id, target_id), type_code)
    WHERE directed = 0;
