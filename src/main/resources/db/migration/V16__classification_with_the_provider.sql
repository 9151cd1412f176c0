-- Art. 9: the center classifies datasets together with their providers. A stricter class applies
-- at once; a less strict one is a proposal the provider concurs with or objects to within five
-- working days (silence counts as concurrence), and a dispute is settled by the center. The
-- class in force stays in sharing_class; the proposal waits beside it.
ALTER TABLE datasets ADD COLUMN classification_status varchar(16) NOT NULL DEFAULT 'AGREED'
    CHECK (classification_status IN ('AGREED', 'PROPOSED', 'DISPUTED'));
ALTER TABLE datasets ADD COLUMN proposed_class varchar(16)
    CHECK (proposed_class IN ('UNCONDITIONAL', 'CONDITIONAL', 'SPECIAL'));
ALTER TABLE datasets ADD COLUMN proposed_conditions varchar(4000);
ALTER TABLE datasets ADD COLUMN proposed_legal_basis varchar(4000);
ALTER TABLE datasets ADD COLUMN proposed_at timestamptz;
ALTER TABLE datasets ADD COLUMN proposed_by varchar(200);
ALTER TABLE datasets ADD COLUMN classification_due date;
ALTER TABLE datasets ADD COLUMN classification_objection varchar(4000);
CREATE INDEX datasets_classification_due ON datasets (classification_due) WHERE classification_status = 'PROPOSED';
