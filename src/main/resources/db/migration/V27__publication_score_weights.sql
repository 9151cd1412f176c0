-- Art. 33, 34: a report states how its scores were computed. The weights the scores were computed
-- with are kept with the report: the year's requirements may still change after an interim report.
-- Null: the report was not scored.
ALTER TABLE assessment_publications ADD COLUMN score_weights jsonb;
