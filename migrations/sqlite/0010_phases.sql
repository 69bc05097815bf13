-- The project's four phases, with planned and actual dates and a status. Titles and
-- descriptions are keyed by language (JSON objects), like every label, so that a language is
-- data. Dates of the project sheet (IOM / SPW IAS); the demo moves them relative to today.
CREATE TABLE phases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    position BIGINT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    titles TEXT NOT NULL,
    descriptions TEXT NOT NULL,
    planned_start TEXT NOT NULL,
    planned_end TEXT NOT NULL,
    actual_start TEXT,
    actual_end TEXT,
    status TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

INSERT INTO phases (position, code, titles, descriptions, planned_start, planned_end, status, updated_at) VALUES
(1, 'inventory',
 '{"fr": "État des lieux des parties prenantes et des mécanismes de coordination", "en": "Inventory of stakeholders and existing coordination mechanisms"}',
 '{"fr": "Recenser les acteurs, leurs niveaux, secteurs et territoires, et les liens existants.", "en": "Record the actors, their levels, sectors and territories, and the existing links."}',
 '2022-06-01', '2022-08-31', 'planned', '2022-06-01T00:00:00Z'),
(2, 'scoping',
 '{"fr": "Réunions de cadrage avec les parties prenantes essentielles", "en": "Scoping meetings with the key stakeholders"}',
 '{"fr": "Rencontrer les acteurs clés, relever décisions et actions.", "en": "Meet the key actors, record decisions and action items."}',
 '2022-09-01', '2022-11-30', 'planned', '2022-06-01T00:00:00Z'),
(3, 'consultation',
 '{"fr": "Enquête et consultations pour concevoir et vérifier le mécanisme de coordination", "en": "Survey and consultations to design and verify the coordination mechanism"}',
 '{"fr": "Consulter les acteurs par enquête ; leurs réponses complètent la carte.", "en": "Consult the actors through surveys; their answers complete the map."}',
 '2022-12-01', '2023-03-31', 'planned', '2022-06-01T00:00:00Z'),
(4, 'piloting',
 '{"fr": "Lancement, suivi et pilotage du mécanisme de coordination", "en": "Launch, follow-up and piloting of the coordination mechanism"}',
 '{"fr": "Mettre en place le mécanisme, suivre ses indicateurs, l''ajuster.", "en": "Set up the mechanism, follow its indicators, adjust it."}',
 '2023-04-01', '2023-06-30', 'planned', '2022-06-01T00:00:00Z');
