-- One-time data work done by the program itself (what SQL alone cannot compute), each
-- recorded once done so that it runs once per database: recomputing the matching keys when
-- the way they are made changes (name keys of non-Latin scripts keep their letters).
CREATE TABLE maintenance (
    task TEXT PRIMARY KEY,
    done_at TEXT NOT NULL
);
