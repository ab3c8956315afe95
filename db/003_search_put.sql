-- 003_search_put.sql - the same search triggers, cheaper to load.
--
-- SQLite parses the whole schema every time a connection first reads the
-- store, so every start of bienban pays for every trigger. In 002 each of
-- the ten insert and update triggers of the source tables carried its own
-- copy of the INSERT ... SELECT that gives a search_doc row its key and
-- filter words, and those copies were 60% of the schema's parse time. Now
-- that statement is written once, in an INSTEAD OF trigger on the view
-- search_put, and the source-table triggers insert one row into the view.
-- What lands in search_doc (keys, order, filter words) is unchanged.

-- Insert a row here to index a text: (src, src_id, meeting_id, text,
-- speaker, kind) as in search_doc, kind the filter word after "k". The view
-- itself is always empty.
CREATE VIEW search_put(src, src_id, meeting_id, text, speaker, kind) AS
	SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;

-- The next key of the meeting (newest-first order, see 002) and its filter
-- words; no row when the meeting does not exist.
CREATE TRIGGER search_put_insert INSTEAD OF INSERT ON search_put BEGIN
	INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)
	SELECT coalesce((SELECT max(d.key) FROM search_doc d
			 WHERE d.key >= b.base AND d.key < b.base + 16777216), b.base) + 1,
	       new.src, new.src_id, new.meeting_id, new.text, new.speaker,
	       b.meta || ' k' || new.kind
	FROM search_base b WHERE b.meeting_id = new.meeting_id;
END;

DROP TRIGGER notes_search_ai;
DROP TRIGGER notes_search_au;
DROP TRIGGER agenda_search_ai;
DROP TRIGGER agenda_search_au;
DROP TRIGGER proposals_search_ai;
DROP TRIGGER proposals_search_au;
DROP TRIGGER conclusions_search_ai;
DROP TRIGGER conclusions_search_au;
DROP TRIGGER directives_search_ai;
DROP TRIGGER directives_search_au;

CREATE TRIGGER notes_search_ai AFTER INSERT ON notes BEGIN
	INSERT INTO search_put VALUES (1, new.id, new.meeting_id, new.text, new.speaker, new.kind);
END;
CREATE TRIGGER notes_search_au AFTER UPDATE ON notes
WHEN old.text IS NOT new.text OR old.speaker IS NOT new.speaker OR old.kind IS NOT new.kind
     OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src = 1 AND src_id = old.id;
	INSERT INTO search_put VALUES (1, new.id, new.meeting_id, new.text, new.speaker, new.kind);
END;

CREATE TRIGGER agenda_search_ai AFTER INSERT ON agenda_items BEGIN
	INSERT INTO search_put VALUES (2, new.id, new.meeting_id, new.title, new.presenter, 'item');
END;
CREATE TRIGGER agenda_search_au AFTER UPDATE ON agenda_items
WHEN old.title IS NOT new.title OR old.presenter IS NOT new.presenter
     OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src = 2 AND src_id = old.id;
	INSERT INTO search_put VALUES (2, new.id, new.meeting_id, new.title, new.presenter, 'item');
END;

CREATE TRIGGER proposals_search_ai AFTER INSERT ON proposals BEGIN
	INSERT INTO search_put VALUES (3, new.id, new.meeting_id, new.text, new.unit, 'proposal');
	INSERT INTO search_put SELECT 4, new.id, new.meeting_id, new.answer, NULL, 'answer'
		WHERE new.answer IS NOT NULL AND new.answer <> '';
END;
CREATE TRIGGER proposals_search_au AFTER UPDATE ON proposals
WHEN old.text IS NOT new.text OR old.unit IS NOT new.unit OR old.answer IS NOT new.answer
     OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src IN (3, 4) AND src_id = old.id;
	INSERT INTO search_put VALUES (3, new.id, new.meeting_id, new.text, new.unit, 'proposal');
	INSERT INTO search_put SELECT 4, new.id, new.meeting_id, new.answer, NULL, 'answer'
		WHERE new.answer IS NOT NULL AND new.answer <> '';
END;

CREATE TRIGGER conclusions_search_ai AFTER INSERT ON conclusions BEGIN
	INSERT INTO search_put VALUES (5, new.id, new.meeting_id, new.text, NULL, 'conclusion');
END;
CREATE TRIGGER conclusions_search_au AFTER UPDATE ON conclusions
WHEN old.text IS NOT new.text OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src = 5 AND src_id = old.id;
	INSERT INTO search_put VALUES (5, new.id, new.meeting_id, new.text, NULL, 'conclusion');
END;

CREATE TRIGGER directives_search_ai AFTER INSERT ON directives BEGIN
	INSERT INTO search_put VALUES (6, new.id, new.meeting_id, new.text, new.owner, 'directive');
END;
CREATE TRIGGER directives_search_au AFTER UPDATE ON directives
WHEN old.text IS NOT new.text OR old.owner IS NOT new.owner
     OR old.meeting_id IS NOT new.meeting_id BEGIN
	DELETE FROM search_doc WHERE src = 6 AND src_id = old.id;
	INSERT INTO search_put VALUES (6, new.id, new.meeting_id, new.text, new.owner, 'directive');
END;
