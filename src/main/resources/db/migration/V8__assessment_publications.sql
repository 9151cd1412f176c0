-- Published yearly assessments (Art. 34): the figures of every agency frozen when the center
-- publishes a year, with its advice to each. A year is published once.
CREATE TABLE assessment_publications (
    year          integer      PRIMARY KEY,
    period_from   date         NOT NULL,
    period_to     date         NOT NULL,
    figures       jsonb        NOT NULL,
    advice        jsonb        NOT NULL,
    published_at  timestamptz  NOT NULL,
    published_by  varchar(200) NOT NULL
);
