-- The coordination mechanism (phase 2 and 4 of the project): its bodies with their members,
-- and the meetings held, with the organisations that attended (and, optionally, the contact
-- person who came: personal data), decisions and action items.
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    level_code TEXT REFERENCES levels (code),
    sectors TEXT NOT NULL,
    territory_ins TEXT REFERENCES territories (ins_code),
    frequency TEXT NOT NULL,
    established_on TEXT NOT NULL,
    description TEXT,
    archived BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE body_members (
    body_id BIGINT NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    stakeholder_id BIGINT NOT NULL REFERENCES stakeholders (id),
    position BIGINT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (body_id, stakeholder_id)
);
CREATE INDEX body_members_stakeholder ON body_members (stakeholder_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    held_on TEXT NOT NULL,
    phase_code TEXT REFERENCES phases (code),
    body_id BIGINT REFERENCES bodies (id),
    title TEXT NOT NULL,
    agenda TEXT,
    minutes TEXT,
    decisions TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_body ON meetings (body_id);

CREATE TABLE meeting_attendees (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    stakeholder_id BIGINT NOT NULL REFERENCES stakeholders (id),
    position BIGINT NOT NULL,
    role TEXT NOT NULL,
    contact TEXT,
    PRIMARY KEY (meeting_id, stakeholder_id)
);
CREATE INDEX meeting_attendees_stakeholder ON meeting_attendees (stakeholder_id);

CREATE TABLE action_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    description TEXT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES stakeholders (id),
    due_on TEXT,
    status TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX action_items_meeting ON action_items (meeting_id);
CREATE INDEX action_items_owner ON action_items (owner_id);
