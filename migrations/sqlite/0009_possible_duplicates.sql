-- Two records whose names became the same once invisible characters are ignored are kept
-- both; the later one points at the earlier for a coordinator to merge or keep apart.
ALTER TABLE stakeholders ADD COLUMN possible_duplicate_of BIGINT;
