-- Evaluation sessions, one-time codes and versioned question sets.
--
-- Anonymity: a code row knows its member and whether it is spent, but not when; the answer rows
-- (evaluation_responses / evaluation_answers) know neither the member nor the code. Every table here is
-- WITHOUT ROWID with a random or content key, so neither row ids nor physical order record the order in
-- which codes were spent.

-- A question set is an immutable, numbered version of a network's form (network_id NULL: the default set).
-- Changing the form makes a new version; a meeting keeps the version it was opened with. Questions
-- themselves are never reworded once they exist, so a question key means the same question at every
-- meeting and averages can be compared across versions.
CREATE TABLE evaluation_question_sets (
    id INTEGER PRIMARY KEY,
    network_id INTEGER REFERENCES networks(id),
    version INTEGER NOT NULL
);
CREATE UNIQUE INDEX evaluation_question_sets_version ON evaluation_question_sets(ifnull(network_id, 0), version);

CREATE TABLE evaluation_question_set_items (
    set_id INTEGER NOT NULL REFERENCES evaluation_question_sets(id),
    question_key TEXT NOT NULL REFERENCES evaluation_questions(key),
    position INTEGER NOT NULL,
    required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    PRIMARY KEY (set_id, question_key)
) WITHOUT ROWID;

INSERT INTO evaluation_question_sets (id, network_id, version) VALUES (1, NULL, 1);
INSERT INTO evaluation_question_set_items (set_id, question_key, position, required)
    SELECT 1, key, position, required FROM evaluation_questions WHERE active = 1;

-- One evaluation per meeting, open or closed. The salt makes each meeting's code hashes its own.
CREATE TABLE evaluation_sessions (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    question_set_id INTEGER NOT NULL REFERENCES evaluation_question_sets(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    salt TEXT NOT NULL
);

-- One personal code per present member: only its hash, the member and a spent flag. No times.
CREATE TABLE evaluation_codes (
    code_hash TEXT PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES evaluation_sessions(meeting_id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    spent INTEGER NOT NULL DEFAULT 0 CHECK (spent IN (0, 1)),
    UNIQUE (meeting_id, member_id)
) WITHOUT ROWID;
