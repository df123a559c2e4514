-- A network's own rule pairs: two members every grouping keeps apart (e.g. they work together) or together.
CREATE TABLE grouping_pairs (
    id INTEGER PRIMARY KEY,
    network_id INTEGER NOT NULL REFERENCES networks(id),
    first_member INTEGER NOT NULL REFERENCES members(id),
    second_member INTEGER NOT NULL REFERENCES members(id),
    rule TEXT NOT NULL CHECK (rule IN ('apart', 'together')),
    CHECK (first_member < second_member),
    UNIQUE (network_id, first_member, second_member)
);
