-- A counter bumped by every change to stakeholders or links, so that rendered maps can be
-- cached until the data changes, across several app servers.
CREATE TABLE data_revision (
    id BIGINT PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO data_revision (id, revision) VALUES (1, 0);
