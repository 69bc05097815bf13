-- The link type of organisations that attend meetings together (derived from meeting
-- attendance, or recorded by hand). A new database gets it from data/reference.toml; an
-- existing one (reference tables already filled) gets it here.
INSERT INTO link_types (code, rank, directed)
SELECT 'meets', (SELECT COALESCE(MAX(rank), 0) + 1 FROM link_types), 0
WHERE EXISTS (SELECT 1 FROM levels) AND NOT EXISTS (SELECT 1 FROM link_types WHERE code = 'meets');
INSERT INTO reference_labels (ref_table, code, lang, label)
SELECT 'link_type', 'meets', 'fr', 'Se réunit avec'
WHERE EXISTS (SELECT 1 FROM link_types WHERE code = 'meets')
  AND NOT EXISTS (SELECT 1 FROM reference_labels WHERE ref_table = 'link_type' AND code = 'meets' AND lang = 'fr');
INSERT INTO reference_labels (ref_table, code, lang, label)
SELECT 'link_type', 'meets', 'en', 'Meets with'
WHERE EXISTS (SELECT 1 FROM link_types WHERE code = 'meets')
  AND NOT EXISTS (SELECT 1 FROM reference_labels WHERE ref_table = 'link_type' AND code = 'meets' AND lang = 'en');
