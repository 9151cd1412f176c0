-- Opening personal data needs the center's approval and a security assessment (Art. 24): an
-- opening of a PERSON dataset waits as PENDING_APPROVAL until the center approves it with an
-- assessment that is due for review on a date, or refuses it with a reason. Past its review date
-- it is SUSPENDED until approved again. ENTITY and OBJECT openings are OPEN at once and carry no
-- assessment.
ALTER TABLE open_datasets
    ADD COLUMN state                 varchar(20)   NOT NULL DEFAULT 'OPEN'
        CHECK (state IN ('PENDING_APPROVAL', 'OPEN', 'REFUSED', 'SUSPENDED')),
    ADD COLUMN assessed_by           varchar(200),
    ADD COLUMN assessment_conclusion varchar(4000),
    ADD COLUMN review_due            date,
    ADD COLUMN refusal_reason        varchar(2000),
    ADD COLUMN decided_at            timestamptz,
    ADD COLUMN decided_by            varchar(200),
    -- when provider and center were told that the review is near, once per approval
    ADD COLUMN review_notice_at      timestamptz,
    ADD CONSTRAINT open_datasets_refusal_has_reason CHECK (state <> 'REFUSED' OR refusal_reason IS NOT NULL),
    ADD CONSTRAINT open_datasets_assessment_whole CHECK ((assessed_by IS NULL) = (review_due IS NULL)
        AND (assessed_by IS NULL) = (assessment_conclusion IS NULL));

-- A PERSON dataset a provider opened alone before this rule was never assessed: it goes out of
-- open data and waits for the center like a new opening.
UPDATE open_datasets o SET state = 'PENDING_APPROVAL'
    FROM datasets d WHERE d.code = o.dataset AND d.subject_type = 'PERSON';

ALTER TABLE open_datasets ALTER COLUMN state DROP DEFAULT;

-- The daily review check reads only approved openings by their review date.
CREATE INDEX open_datasets_review_due ON open_datasets (review_due) WHERE state = 'OPEN' AND review_due IS NOT NULL;
