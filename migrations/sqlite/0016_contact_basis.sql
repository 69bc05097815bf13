-- Contact persons are people: each records the legal basis its data is kept on (consent,
-- public task, legitimate interest), the day that basis was recorded, and the day the data
-- was last confirmed (created, edited, or confirmed by the stakeholder in a survey's entry
-- check), from which the retention period runs. Existing contacts take their stakeholder's
-- last update as both days, and the public task as basis (the project's mandate from the
-- SPW IAS); coordinators review them.
ALTER TABLE contacts ADD COLUMN legal_basis TEXT NOT NULL DEFAULT 'public_task';
ALTER TABLE contacts ADD COLUMN basis_on TEXT;
ALTER TABLE contacts ADD COLUMN confirmed_on TEXT;
UPDATE contacts SET
    basis_on = (SELECT substr(s.updated_at, 1, 10) FROM stakeholders s WHERE s.id = contacts.stakeholder_id),
    confirmed_on = (SELECT substr(s.updated_at, 1, 10) FROM stakeholders s WHERE s.id = contacts.stakeholder_id);
CREATE INDEX contacts_confirmed_on ON contacts (confirmed_on);
