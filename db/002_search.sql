-- 002_search.sql - full-text search, follow-up of directives and proposals
-- across meetings, and reasons in the change log.
--
-- Search: every searchable text (notes, agenda items, proposals, answers,
-- conclusions, directives) has one row in search_doc, kept in step by the
-- triggers below; search is an FTS5 index over search_doc (external
-- content) with the "bbfold" tokenizer that bienban registers on every
-- connection (Vietnamese folded: "hoi nghi" finds "Hội nghị"). Writing
-- through these triggers needs the tokenizer and trusted_schema = ON, as
-- bienban's writing connections have; other programs may read but must not
-- write these tables (bienban check finds the damage).
--
-- The key of a search_doc row orders the index newest first without a
-- sort: key = minutes since 1970 of the meeting's start * 2^24 + a counter
-- among the rows of meetings that start in that minute. A search walks the
-- index by key descending and stops after one page.

CREATE TABLE search_doc (
	key		INTEGER PRIMARY KEY,
	src		INTEGER NOT NULL,	-- 1 note, 2 agenda item, 3 proposal, 4 answer,
						-- 5 conclusion, 6 directive
	src_id		INTEGER NOT NULL,	-- id in the source table
	meeting_id	INTEGER NOT NULL,
	text		TEXT NOT NULL,
	speaker		TEXT,			-- speaker, presenter, unit or owner
	meta		TEXT NOT NULL,		-- filter words: "c4 p20231 y2023 kreport"
	UNIQUE (src, src_id)
) STRICT;
CREATE INDEX search_doc_meeting ON search_doc(meeting_id);

CREATE VIRTUAL TABLE search USING fts5(text, speaker, meta,
	content = 'search_doc', content_rowid = 'key', tokenize = 'bbfold', prefix = '2 3 4');

-- Where the keys of a meeting start, and its filter words.
CREATE VIEW search_base(meeting_id, base, meta) AS
	SELECT m.id,
	       (coalesce(CAST(strftime('%s', m.starts_at) AS INTEGER), 0) / 60) * 16777216,
	       'c' || coalesce(c.number, 0) || ' p' || coalesce(m.period_key, 0)
	       || ' y' || coalesce(m.period_key / 10, 0)
	FROM meetings m LEFT JOIN clusters c ON c.id = m.cluster_id;

-- What search_doc must hold, from the source tables (for rebuilding and
-- for bienban check).
CREATE VIEW search_src(src, src_id, meeting_id, pos, text, speaker, kind) AS
	SELECT 1, id, meeting_id, position, text, speaker, kind FROM notes
	UNION ALL SELECT 2, id, meeting_id, position, title, presenter, 'item' FROM agenda_items
	UNION ALL SELECT 3, id, meeting_id, position, text, unit, 'proposal' FROM proposals
	UNION ALL SELECT 4, id, meeting_id, position, answer, NULL, 'answer' FROM proposals
		WHERE answer IS NOT NULL AND answer <> ''
	UNION ALL SELECT 5, id, meeting_id, position, text, NULL, 'conclusion' FROM conclusions
	UNION ALL SELECT 6, id, meeting_id, position, text, owner, 'directive' FROM directives;

-- Index what the store already holds (before the triggers exist, so once).
INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT b.base + row_number() OVER (PARTITION BY b.base
					   ORDER BY s.meeting_id, s.src, s.pos, s.src_id),
	       s.src, s.src_id, s.meeting_id, s.text, s.speaker, b.meta || ' k' || s.kind
	FROM search_src s JOIN search_base b ON b.meeting_id = s.meeting_id;
INSERT INTO search(search) VALUES ('rebuild');

-- search_doc -> the FTS index.
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
	INSERT INTO search(rowid, text, speaker, meta)
		VALUES (new.key, new.text, new.speaker, new.meta);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
	INSERT INTO search(search, rowid, text, speaker, meta)
		VALUES ('delete', old.key, old.text, old.speaker, old.meta);
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
	INSERT INTO search(search, rowid, text, speaker, meta)
		VALUES ('delete', old.key, old.text, old.speaker, old.meta);
	INSERT INTO search(rowid, text, speaker, meta)
		VALUES (new.key, new.text, new.speaker, new.meta);
END;

-- The source tables -> search_doc. An edit deletes and re-adds the row, so
-- it takes the next key of its meeting.
CREATE TRIGGER notes_search_ai AFTER INSERT ON notes BEGIN
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       1, new.id, new.meeting_id, new.text, new.speaker, b.meta || ' k' || new.kind
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;
CREATE TRIGGER notes_search_au AFTER UPDATE ON notes
WHEN old.text IS NOT new.text OR old.speaker IS NOT new.speaker OR old.kind IS NOT new.kind
     OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src = 1 AND src_id = old.id;
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       1, new.id, new.meeting_id, new.text, new.speaker, b.meta || ' k' || new.kind
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;
CREATE TRIGGER notes_search_ad AFTER DELETE ON notes BEGIN
	DELETE FROM search_doc WHERE src = 1 AND src_id = old.id;
END;

CREATE TRIGGER agenda_search_ai AFTER INSERT ON agenda_items BEGIN
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       2, new.id, new.meeting_id, new.title, new.presenter, b.meta || ' kitem'
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;
CREATE TRIGGER agenda_search_au AFTER UPDATE ON agenda_items
WHEN old.title IS NOT new.title OR old.presenter IS NOT new.presenter
     OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src = 2 AND src_id = old.id;
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       2, new.id, new.meeting_id, new.title, new.presenter, b.meta || ' kitem'
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;
CREATE TRIGGER agenda_search_ad AFTER DELETE ON agenda_items BEGIN
	DELETE FROM search_doc WHERE src = 2 AND src_id = old.id;
END;

CREATE TRIGGER proposals_search_ai AFTER INSERT ON proposals BEGIN
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       3, new.id, new.meeting_id, new.text, new.unit, b.meta || ' kproposal'
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       4, new.id, new.meeting_id, new.answer, NULL, b.meta || ' kanswer'
	FROM search_base b WHERE b.meeting_id = new.meeting_id
	AND new.answer IS NOT NULL AND new.answer <> '';
END;
CREATE TRIGGER proposals_search_au AFTER UPDATE ON proposals
WHEN old.text IS NOT new.text OR old.unit IS NOT new.unit OR old.answer IS NOT new.answer
     OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src IN (3, 4) AND src_id = old.id;
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       3, new.id, new.meeting_id, new.text, new.unit, b.meta || ' kproposal'
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       4, new.id, new.meeting_id, new.answer, NULL, b.meta || ' kanswer'
	FROM search_base b WHERE b.meeting_id = new.meeting_id
	AND new.answer IS NOT NULL AND new.answer <> '';
END;
CREATE TRIGGER proposals_search_ad AFTER DELETE ON proposals BEGIN
	DELETE FROM search_doc WHERE src IN (3, 4) AND src_id = old.id;
END;

CREATE TRIGGER conclusions_search_ai AFTER INSERT ON conclusions BEGIN
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       5, new.id, new.meeting_id, new.text, NULL, b.meta || ' kconclusion'
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;
CREATE TRIGGER conclusions_search_au AFTER UPDATE ON conclusions
WHEN old.text IS NOT new.text OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src = 5 AND src_id = old.id;
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       5, new.id, new.meeting_id, new.text, NULL, b.meta || ' kconclusion'
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;
CREATE TRIGGER conclusions_search_ad AFTER DELETE ON conclusions BEGIN
	DELETE FROM search_doc WHERE src = 5 AND src_id = old.id;
END;

CREATE TRIGGER directives_search_ai AFTER INSERT ON directives BEGIN
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       6, new.id, new.meeting_id, new.text, new.owner, b.meta || ' kdirective'
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;
CREATE TRIGGER directives_search_au AFTER UPDATE ON directives
WHEN old.text IS NOT new.text OR old.owner IS NOT new.owner
     OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src = 6 AND src_id = old.id;
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       6, new.id, new.meeting_id, new.text, new.owner, b.meta || ' kdirective'
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;
CREATE TRIGGER directives_search_ad AFTER DELETE ON directives BEGIN
	DELETE FROM search_doc WHERE src = 6 AND src_id = old.id;
END;

-- A meeting that moves in time or changes cluster or period: its rows get
-- new keys and filter words.
CREATE TRIGGER meetings_search_au AFTER UPDATE ON meetings
WHEN old.starts_at IS NOT new.starts_at OR old.cluster_id IS NOT new.cluster_id
     OR old.period_key IS NOT new.period_key BEGIN
	DELETE FROM search_doc WHERE meeting_id = new.id;
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT n.next + row_number() OVER (ORDER BY s.src, s.pos, s.src_id),
	       s.src, s.src_id, new.id, s.text, s.speaker, n.meta || ' k' || s.kind
	FROM (SELECT coalesce((SELECT max(d.key) FROM search_doc d
			       WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) AS next,
		     b.meta AS meta
	      FROM search_base b WHERE b.meeting_id = new.id) n
	CROSS JOIN search_src s WHERE s.meeting_id = new.id;
END;


-- Follow-up: an open directive or an unanswered proposal of an earlier
-- meeting carried onto the agenda of a later one.
CREATE TABLE carryovers (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	directive_id	INTEGER REFERENCES directives(id) ON DELETE CASCADE,
	proposal_id	INTEGER REFERENCES proposals(id) ON DELETE CASCADE,
	CHECK ((directive_id IS NULL) <> (proposal_id IS NULL)),
	UNIQUE (meeting_id, directive_id),
	UNIQUE (meeting_id, proposal_id)
) STRICT;
CREATE INDEX carryovers_directive ON carryovers(directive_id);
CREATE INDEX carryovers_proposal ON carryovers(proposal_id);

-- A proposal answered or dropped in a later meeting, like directives.
ALTER TABLE proposals ADD COLUMN closed_meeting_id INTEGER
	REFERENCES meetings(id) ON DELETE SET NULL;

-- Why an approved meeting was reopened (and any other change that has one).
ALTER TABLE change_log ADD COLUMN reason TEXT;
