-- The working-day calendar for the deadlines of objections (Art. 20): one row per year of the
-- State Council's holiday notices, and the dates each notice lists. Weekdays not listed are
-- working days, so only the exceptions are stored. The gateway fills the shipped years
-- (src/main/resources/calendar/holidays-cn) at start when they are absent; from then on this is
-- the source of truth, which the center updates with PUT /api/v1/calendar/{year}.

CREATE TABLE calendar_years (
    year        integer PRIMARY KEY,
    papers      text[] NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- 'shipped' for the data that came with the gateway, else the sub of the center's caller.
    updated_by  text NOT NULL
);

CREATE TABLE calendar_days (
    year        integer NOT NULL REFERENCES calendar_years ON DELETE CASCADE,
    date        date NOT NULL,
    name        text NOT NULL,
    -- true: a holiday; false: an adjusted working day (调休) on a weekend.
    off_day     boolean NOT NULL,
    PRIMARY KEY (year, date)
);
