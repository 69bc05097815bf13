-- Reference data edited by an admin. A commune merged into another (Bastogne and Bertogne
-- into Bastogne on 1 January 2025) stays in the table as a former unit: it says which unit
-- took it over and from when, so that its name and INS code typed in an old file still find
-- the commune of today, while lists, maps and gaps show only today's communes.
ALTER TABLE territories ADD COLUMN merged_into TEXT;
ALTER TABLE territories ADD COLUMN merged_on TEXT;
