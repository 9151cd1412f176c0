-- Issue 18 (Art. 34): the assessment bounds a dataset's periods by the day it became active. It
-- read classified_at, which every later classification (Art. 9) moves to that day, so the days a
-- dataset was late before being reclassified dropped out of its figures. activated_at is set once,
-- by whichever path first makes the dataset anything but PENDING_CLASSIFICATION.
ALTER TABLE datasets ADD COLUMN activated_at timestamptz;

-- Best known for the past: the last classification, or the registration for one the center
-- registered; a dataset reclassified before this migration keeps its later day.
UPDATE datasets SET activated_at = coalesce(classified_at, registered_at)
WHERE status <> 'PENDING_CLASSIFICATION';

CREATE FUNCTION datasets_activated_at() RETURNS trigger AS $$
BEGIN
    IF NEW.activated_at IS NULL AND NEW.status <> 'PENDING_CLASSIFICATION' THEN
        NEW.activated_at := coalesce(NEW.classified_at, now());
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER datasets_activated_at BEFORE INSERT OR UPDATE OF status ON datasets
    FOR EACH ROW EXECUTE FUNCTION datasets_activated_at();
