-- 013_answer_once.sql - search finds an answer once.
--
-- An answer given under a later item than its proposal's (F12 under the
-- closing item) is two records: the proposal's answer, and a note of kind
-- 'answer' of that item with the same text (so that the item where the
-- chair spoke is not empty). Both were indexed, so a search listed the
-- answer twice and counted it twice. Now the proposal's answer (src 4) is
-- indexed only while no answer note of its meeting says the same: the
-- note, which knows who answered and when, is the hit. Whichever of the
-- two is written first, the triggers below keep it so.

DROP VIEW search_src;
CREATE VIEW search_src(src, src_id, meeting_id, pos, text, speaker, kind) AS
	SELECT 1, id, meeting_id, position, text, speaker, kind FROM notes
	UNION ALL SELECT 2, id, meeting_id, position, title, presenter, 'item' FROM agenda_items
	UNION ALL SELECT 3, id, meeting_id, position, text, unit, 'proposal' FROM proposals
		WHERE note_id IS NULL
	UNION ALL SELECT 4, p.id, p.meeting_id, p.position, p.answer, NULL, 'answer' FROM proposals p
		WHERE p.answer IS NOT NULL AND p.answer <> ''
		  AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.meeting_id = p.meeting_id
				  AND n.kind = 'answer' AND n.text = p.answer)
	UNION ALL SELECT 5, id, meeting_id, position, text, NULL, 'conclusion' FROM conclusions
	UNION ALL SELECT 6, id, meeting_id, position, text, owner, 'directive' FROM directives;

DROP TRIGGER proposals_search_ai;
DROP TRIGGER proposals_search_au;
CREATE TRIGGER proposals_search_ai AFTER INSERT ON proposals BEGIN
	INSERT INTO search_put SELECT 3, new.id, new.meeting_id, new.text, new.unit, 'proposal'
		WHERE new.note_id IS NULL;
	INSERT INTO search_put SELECT 4, new.id, new.meeting_id, new.answer, NULL, 'answer'
		WHERE new.answer IS NOT NULL AND new.answer <> ''
		  AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.meeting_id = new.meeting_id
				  AND n.kind = 'answer' AND n.text = new.answer);
END;
CREATE TRIGGER proposals_search_au AFTER UPDATE ON proposals
WHEN old.text IS NOT new.text OR old.unit IS NOT new.unit OR old.answer IS NOT new.answer
     OR old.meeting_id IS NOT new.meeting_id OR old.note_id IS NOT new.note_id BEGIN
	DELETE FROM search_doc WHERE src IN (3, 4) AND src_id = old.id;
	INSERT INTO search_put SELECT 3, new.id, new.meeting_id, new.text, new.unit, 'proposal'
		WHERE new.note_id IS NULL;
	INSERT INTO search_put SELECT 4, new.id, new.meeting_id, new.answer, NULL, 'answer'
		WHERE new.answer IS NOT NULL AND new.answer <> ''
		  AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.meeting_id = new.meeting_id
				  AND n.kind = 'answer' AND n.text = new.answer);
END;

-- An answer note written: the proposals' answers it repeats leave the index.
DROP TRIGGER IF EXISTS notes_answer_ai;
CREATE TRIGGER notes_answer_ai AFTER INSERT ON notes WHEN new.kind = 'answer' BEGIN
	DELETE FROM search_doc WHERE src = 4 AND src_id IN
		(SELECT id FROM proposals WHERE meeting_id = new.meeting_id AND answer = new.text);
END;
-- An answer note changed or deleted: the answers it repeated come back,
-- unless another answer note still says the same; what it says now, if it
-- is still an answer, leaves.
DROP TRIGGER IF EXISTS notes_answer_au;
CREATE TRIGGER notes_answer_au AFTER UPDATE OF text, kind, meeting_id ON notes
WHEN (old.kind = 'answer' OR new.kind = 'answer')
     AND (old.text IS NOT new.text OR old.kind IS NOT new.kind
	  OR old.meeting_id IS NOT new.meeting_id) BEGIN
	INSERT INTO search_put SELECT 4, p.id, p.meeting_id, p.answer, NULL, 'answer'
		FROM proposals p
		WHERE old.kind = 'answer' AND p.meeting_id = old.meeting_id AND p.answer = old.text
		  AND NOT EXISTS (SELECT 1 FROM search_doc d WHERE d.src = 4 AND d.src_id = p.id)
		  AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.meeting_id = p.meeting_id
				  AND n.kind = 'answer' AND n.text = p.answer);
	DELETE FROM search_doc WHERE new.kind = 'answer' AND src = 4 AND src_id IN
		(SELECT id FROM proposals WHERE meeting_id = new.meeting_id AND answer = new.text);
END;
DROP TRIGGER IF EXISTS notes_answer_ad;
CREATE TRIGGER notes_answer_ad AFTER DELETE ON notes WHEN old.kind = 'answer' BEGIN
	INSERT INTO search_put SELECT 4, p.id, p.meeting_id, p.answer, NULL, 'answer'
		FROM proposals p
		WHERE p.meeting_id = old.meeting_id AND p.answer = old.text
		  AND NOT EXISTS (SELECT 1 FROM search_doc d WHERE d.src = 4 AND d.src_id = p.id)
		  AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.meeting_id = p.meeting_id
				  AND n.kind = 'answer' AND n.text = p.answer);
END;

-- Stores that have them: the answers already found twice, once.
DELETE FROM search_doc WHERE src = 4 AND src_id IN
	(SELECT p.id FROM proposals p WHERE EXISTS
		(SELECT 1 FROM notes n WHERE n.meeting_id = p.meeting_id
		 AND n.kind = 'answer' AND n.text = p.answer));
