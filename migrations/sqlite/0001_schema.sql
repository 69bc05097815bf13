-- Core schema: reference tables (data, not code), stakeholders and links.
-- Flags are stored as integers 0/1 and timestamps as RFC 3339 text so that the same queries
-- run on SQLite and PostgreSQL through sqlx's Any driver.

CREATE TABLE levels (
    code TEXT PRIMARY KEY,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    rank BIGINT NOT NULL
);

CREATE TABLE kinds (
    code TEXT PRIMARY KEY,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    rank BIGINT NOT NULL
);

CREATE TABLE sectors (
    code TEXT PRIMARY KEY,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    rank BIGINT NOT NULL
);

CREATE TABLE link_types (
    code TEXT PRIMARY KEY,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    directed BIGINT NOT NULL,
    rank BIGINT NOT NULL
);

CREATE TABLE territories (
    ins_code TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_nl TEXT NOT NULL,
    name_de TEXT NOT NULL,
    parent_ins TEXT REFERENCES territories (ins_code),
    province_ins TEXT
);

CREATE TABLE stakeholders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    acronym TEXT,
    acronym_key TEXT,
    kind_code TEXT NOT NULL REFERENCES kinds (code),
    level_code TEXT NOT NULL REFERENCES levels (code),
    description TEXT,
    website TEXT,
    email TEXT,
    phone TEXT,
    influence BIGINT,
    interest BIGINT,
    is_key BIGINT NOT NULL DEFAULT 0,
    notes TEXT,
    search_text TEXT NOT NULL,
    archived BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX stakeholders_acronym_key ON stakeholders (acronym_key);
CREATE INDEX stakeholders_level ON stakeholders (level_code);
CREATE INDEX stakeholders_kind ON stakeholders (kind_code);

CREATE TABLE stakeholder_sectors (
    stakeholder_id BIGINT NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    sector_code TEXT NOT NULL REFERENCES sectors (code),
    PRIMARY KEY (stakeholder_id, sector_code)
);
CREATE INDEX stakeholder_sectors_sector ON stakeholder_sectors (sector_code);

CREATE TABLE stakeholder_territories (
    stakeholder_id BIGINT NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    ins_code TEXT NOT NULL REFERENCES territories (ins_code),
    PRIMARY KEY (stakeholder_id, ins_code)
);
CREATE INDEX stakeholder_territories_ins ON stakeholder_territories (ins_code);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    stakeholder_id BIGINT NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    function TEXT,
    email TEXT,
    phone TEXT
);
CREATE INDEX contacts_stakeholder ON contacts (stakeholder_id);

CREATE TABLE links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id BIGINT NOT NULL REFERENCES stakeholders (id),
    target_id BIGINT NOT NULL REFERENCES stakeholders (id),
    type_code TEXT NOT NULL REFERENCES link_types (code),
    directed BIGINT NOT NULL,
    strength BIGINT NOT NULL,
    formal BIGINT NOT NULL,
    since TEXT,
    until TEXT,
    note TEXT,
    provenance TEXT NOT NULL,
    confirmed BIGINT NOT NULL DEFAULT 0,
    archived BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (source_id, target_id, type_code)
);
CREATE INDEX links_target ON links (target_id);

INSERT INTO levels (code, label_fr, label_en, rank) VALUES
('international', 'International', 'International', 1),
('eu', 'Union européenne', 'European Union', 2),
('federal', 'Fédéral', 'Federal', 3),
('community', 'Communautaire', 'Community', 4),
('regional', 'Régional', 'Regional', 5),
('provincial', 'Provincial', 'Provincial', 6),
('local', 'Local', 'Local', 7);

INSERT INTO kinds (code, label_fr, label_en, rank) VALUES
('public_authority', 'Autorité publique', 'Public authority', 1),
('administration', 'Administration', 'Administration', 2),
('agency', 'Organisme public', 'Public agency', 3),
('international_org', 'Organisation internationale', 'International organisation', 4),
('association', 'Association', 'Association', 5),
('private', 'Entreprise privée', 'Private company', 6),
('citizen_initiative', 'Initiative citoyenne', 'Citizen initiative', 7),
('other', 'Autre', 'Other', 8);

INSERT INTO sectors (code, label_fr, label_en, rank) VALUES
('reception_housing', 'Accueil et logement', 'Reception and housing', 1),
('legal_protection', 'Statut et protection', 'Legal status and protection', 2),
('social_aid', 'Aide sociale et revenus', 'Social aid and income', 3),
('employment_training', 'Emploi et formation', 'Employment and training', 4),
('education_childcare', 'Enseignement et petite enfance', 'Education and childcare', 5),
('health', 'Santé et santé mentale', 'Health and mental health', 6),
('language_integration', 'Langue et intégration', 'Language and integration', 7),
('information_orientation', 'Information et orientation', 'Information and orientation', 8),
('coordination', 'Coordination', 'Coordination', 9);

INSERT INTO link_types (code, label_fr, label_en, directed, rank) VALUES
('coordinates', 'Se coordonne avec', 'Coordinates with', 0, 1),
('funds', 'Finance', 'Funds', 1, 2),
('mandates', 'Mandate / supervise', 'Mandates / supervises', 1, 3),
('reports_to', 'Rend compte à', 'Reports to', 1, 4),
('refers', 'Oriente des personnes vers', 'Refers people to', 1, 5),
('shares_data', 'Partage des données avec', 'Shares data with', 1, 6),
('partners', 'Partenaire de', 'Partners with', 0, 7);
