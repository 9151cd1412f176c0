-- Interim and final assessment reports (Art. 34). A year may be published as an interim report
-- while it runs (each one replaces the one before); the final report comes only after the year
-- has ended and is then frozen. The publisher and contact line are kept with each report so a
-- published page does not change when the configuration does.
ALTER TABLE assessment_publications ADD COLUMN interim boolean NOT NULL DEFAULT false;
ALTER TABLE assessment_publications ADD COLUMN publisher varchar(200);
ALTER TABLE assessment_publications ADD COLUMN contact varchar(400);

-- A year published before its end covers only part of it: that report was interim in all but name,
-- and its final report is still to come.
UPDATE assessment_publications SET interim = true WHERE period_to < make_date(year, 12, 31);
