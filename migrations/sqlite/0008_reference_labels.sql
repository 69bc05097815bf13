-- Labels keyed by language: one row per (table, code, language) instead of one column per
-- language, so that a language is data. The labels and names written so far move here.
CREATE TABLE reference_labels (
    ref_table TEXT NOT NULL,
    code TEXT NOT NULL,
    lang TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (ref_table, code, lang)
);

INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'level', code, 'fr', label_fr FROM levels;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'level', code, 'en', label_en FROM levels;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'kind', code, 'fr', label_fr FROM kinds;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'kind', code, 'en', label_en FROM kinds;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'sector', code, 'fr', label_fr FROM sectors;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'sector', code, 'en', label_en FROM sectors;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'link_type', code, 'fr', label_fr FROM link_types;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'link_type', code, 'en', label_en FROM link_types;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'territory', ins_code, 'fr', name_fr FROM territories;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'territory', ins_code, 'nl', name_nl FROM territories;
INSERT INTO reference_labels (ref_table, code, lang, label) SELECT 'territory', ins_code, 'de', name_de FROM territories;

ALTER TABLE levels DROP COLUMN label_fr;
ALTER TABLE levels DROP COLUMN label_en;
ALTER TABLE kinds DROP COLUMN label_fr;
ALTER TABLE kinds DROP COLUMN label_en;
ALTER TABLE sectors DROP COLUMN label_fr;
ALTER TABLE sectors DROP COLUMN label_en;
ALTER TABLE link_types DROP COLUMN label_fr;
ALTER TABLE link_types DROP COLUMN label_en;
ALTER TABLE territories DROP COLUMN name_fr;
ALTER TABLE territories DROP COLUMN name_nl;
ALTER TABLE territories DROP COLUMN name_de;

-- A database without any stakeholder yet takes its reference data from the data files
-- (data/reference.toml, data/wallonia_communes.csv; see db::seed_reference) rather than from
-- the SQL copies the first migrations made of them. Where stakeholders exist, the reference
-- tables are the deployment's own and stay as they are.
DELETE FROM reference_labels WHERE NOT EXISTS (SELECT 1 FROM stakeholders);
DELETE FROM territories WHERE NOT EXISTS (SELECT 1 FROM stakeholders);
DELETE FROM link_types WHERE NOT EXISTS (SELECT 1 FROM stakeholders);
DELETE FROM sectors WHERE NOT EXISTS (SELECT 1 FROM stakeholders);
DELETE FROM kinds WHERE NOT EXISTS (SELECT 1 FROM stakeholders);
DELETE FROM levels WHERE NOT EXISTS (SELECT 1 FROM stakeholders);
