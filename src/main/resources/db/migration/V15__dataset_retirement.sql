-- A dataset's end (Art. 3, 33): its provider or the center retires it from a date, so consumers can
-- migrate while it is RETIRING; from that date it is RETIRED and nothing is read or pushed, but the
-- catalog keeps the entry, its versions and its audit trail.
ALTER TABLE datasets DROP CONSTRAINT datasets_status_check;
ALTER TABLE datasets ADD CONSTRAINT datasets_status_check
    CHECK (status IN ('PENDING_CLASSIFICATION', 'ACTIVE', 'RETIRING', 'RETIRED'));

ALTER TABLE datasets ADD COLUMN retirement_reason       varchar(2000);
ALTER TABLE datasets ADD COLUMN retirement_effective_on date;
ALTER TABLE datasets ADD COLUMN retirement_requested_at timestamptz;
ALTER TABLE datasets ADD COLUMN retirement_requested_by varchar(200);
ALTER TABLE datasets ADD COLUMN retired_at              timestamptz;

-- A retiring dataset always says why and from when; the scheduled job finds those that are due.
ALTER TABLE datasets ADD CONSTRAINT datasets_retirement_stated
    CHECK (status NOT IN ('RETIRING', 'RETIRED')
           OR (retirement_reason IS NOT NULL AND retirement_effective_on IS NOT NULL));
CREATE INDEX datasets_retiring ON datasets (retirement_effective_on) WHERE status = 'RETIRING';

-- Grants the system ends (its dataset retired) say why; a revocation by the center leaves it null.
ALTER TABLE grants ADD COLUMN revoked_reason varchar(2000);
