-- A campaign changed after it opened. An invitation's link can be revoked and reissued: the
-- token is derived from the invitation and its link generation, so the old link stops working
-- and the new one reaches the same draft. A withdrawn invitation keeps its row (the history
-- names it) but has no link and counts nowhere; inviting the stakeholder again reinstates it.
ALTER TABLE invitations ADD COLUMN link_generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE invitations ADD COLUMN withdrawn_at TEXT;
