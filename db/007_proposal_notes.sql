-- 006_proposal_notes.sql - a proposal raised under an agenda item IS a
-- note of kind 'proposal' in that item's timeline: one concept, two views.
--
-- The note holds when, who and what was said (its place in the minutes);
-- the proposals row linked to it (note_id) holds what only a proposal has:
-- the proposing unit, the chair's answer and the status. The triggers
-- below keep the pair one thing, whichever path writes it:
--   * a note inserted with kind 'proposal', or changed to that kind, gets
--     its proposal: an unlinked proposal of the meeting with the same text
--     is taken (an import writes proposals before notes), else one is
--     created, its unit the speaker's unit (or the speaker);
--   * the note's text and item are the proposal's; its speaker gives the
--     unit;
--   * a note changed to another kind, or deleted, takes its proposal away;
--     a linked proposal deleted takes its note away; a linked proposal's
--     text edited edits the note.
-- Proposals with no note (added in the proposals tab, or raised outside an
-- item) stay as they were: the minutes list them in their own section.

ALTER TABLE proposals ADD COLUMN note_id INTEGER;
CREATE UNIQUE INDEX proposals_note ON proposals(note_id) WHERE note_id IS NOT NULL;

-- Search finds such a proposal once: as its note (src 1); its answer is
-- still indexed (src 4). A proposal without a note is indexed as before.
DROP VIEW search_src;
CREATE VIEW search_src(src, src_id, meeting_id, pos, text, speaker, kind) AS
	SELECT 1, id, meeting_id, position, text, speaker, kind FROM notes
	UNION ALL SELECT 2, id, meeting_id, position, title, presenter, 'item' FROM agenda_items
	UNION ALL SELECT 3, id, meeting_id, position, text, unit, 'proposal' FROM proposals
		WHERE note_id IS NULL
	UNION ALL SELECT 4, id, meeting_id, position, answer, NULL, 'answer' FROM proposals
		WHERE answer IS NOT NULL AND answer <> ''
	UNION ALL SELECT 5, id, meeting_id, position, text, NULL, 'conclusion' FROM conclusions
	UNION ALL SELECT 6, id, meeting_id, position, text, owner, 'directive' FROM directives;
DROP TRIGGER proposals_search_ai;
DROP TRIGGER proposals_search_au;
CREATE TRIGGER proposals_search_ai AFTER INSERT ON proposals BEGIN
	INSERT INTO search_put SELECT 3, new.id, new.meeting_id, new.text, new.unit, 'proposal'
		WHERE new.note_id IS NULL;
	INSERT INTO search_put SELECT 4, new.id, new.meeting_id, new.answer, NULL, 'answer'
		WHERE new.answer IS NOT NULL AND new.answer <> '';
END;
CREATE TRIGGER proposals_search_au AFTER UPDATE ON proposals
WHEN old.text IS NOT new.text OR old.unit IS NOT new.unit OR old.answer IS NOT new.answer
     OR old.meeting_id IS NOT new.meeting_id OR old.note_id IS NOT new.note_id BEGIN
	DELETE FROM search_doc WHERE src IN (3, 4) AND src_id = old.id;
	INSERT INTO search_put SELECT 3, new.id, new.meeting_id, new.text, new.unit, 'proposal'
		WHERE new.note_id IS NULL;
	INSERT INTO search_put SELECT 4, new.id, new.meeting_id, new.answer, NULL, 'answer'
		WHERE new.answer IS NOT NULL AND new.answer <> '';
END;

-- Existing stores: the minutes already paired a proposal note with the
-- first proposal of the same text; make that pairing the link.
UPDATE proposals SET note_id = (
	SELECT n.id FROM notes n
	JOIN agenda_items i ON i.id = n.item_id
	WHERE n.kind = 'proposal' AND n.meeting_id = proposals.meeting_id
	  AND n.text = proposals.text
	  AND NOT EXISTS (SELECT 1 FROM proposals p2 WHERE p2.note_id = n.id)
	ORDER BY i.position, i.id, n.position, n.id LIMIT 1)
WHERE note_id IS NULL;
UPDATE proposals SET item_id = (SELECT n.item_id FROM notes n WHERE n.id = proposals.note_id)
WHERE note_id IS NOT NULL;
-- Proposal notes that had no proposal get one, after the meeting's others.
INSERT INTO proposals(meeting_id, item_id, position, unit, text, note_id)
SELECT n.meeting_id, n.item_id,
       (SELECT coalesce(max(p.position) + 1, 0) FROM proposals p WHERE p.meeting_id = n.meeting_id)
	 + row_number() OVER (PARTITION BY n.meeting_id ORDER BY i.position, i.id, n.position, n.id)
	 - 1,
       coalesce((SELECT a.unit FROM attendees a WHERE a.meeting_id = n.meeting_id
		 AND a.name = n.speaker AND a.unit IS NOT NULL ORDER BY a.position LIMIT 1),
		n.speaker),
       n.text, n.id
FROM notes n JOIN agenda_items i ON i.id = n.item_id
WHERE n.kind = 'proposal' AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.note_id = n.id);

-- Link or create: the same body for an inserted note and for a note whose
-- kind became 'proposal'.
CREATE TRIGGER notes_proposal_ai AFTER INSERT ON notes WHEN new.kind = 'proposal' BEGIN
	UPDATE proposals SET note_id = new.id, item_id = new.item_id
	WHERE id = (SELECT p.id FROM proposals p WHERE p.meeting_id = new.meeting_id
		    AND p.note_id IS NULL AND p.text = new.text ORDER BY p.position, p.id LIMIT 1);
	INSERT INTO proposals(meeting_id, item_id, position, unit, text, note_id)
	SELECT new.meeting_id, new.item_id,
	       (SELECT coalesce(max(position) + 1, 0) FROM proposals WHERE meeting_id = new.meeting_id),
	       coalesce((SELECT a.unit FROM attendees a WHERE a.meeting_id = new.meeting_id
			 AND a.name = new.speaker AND a.unit IS NOT NULL ORDER BY a.position LIMIT 1),
			new.speaker),
	       new.text, new.id
	WHERE NOT EXISTS (SELECT 1 FROM proposals WHERE note_id = new.id);
END;
CREATE TRIGGER notes_proposal_kind_on AFTER UPDATE OF kind ON notes
WHEN new.kind = 'proposal' AND old.kind IS NOT 'proposal' BEGIN
	UPDATE proposals SET note_id = new.id, item_id = new.item_id
	WHERE id = (SELECT p.id FROM proposals p WHERE p.meeting_id = new.meeting_id
		    AND p.note_id IS NULL AND p.text = new.text ORDER BY p.position, p.id LIMIT 1);
	INSERT INTO proposals(meeting_id, item_id, position, unit, text, note_id)
	SELECT new.meeting_id, new.item_id,
	       (SELECT coalesce(max(position) + 1, 0) FROM proposals WHERE meeting_id = new.meeting_id),
	       coalesce((SELECT a.unit FROM attendees a WHERE a.meeting_id = new.meeting_id
			 AND a.name = new.speaker AND a.unit IS NOT NULL ORDER BY a.position LIMIT 1),
			new.speaker),
	       new.text, new.id
	WHERE NOT EXISTS (SELECT 1 FROM proposals WHERE note_id = new.id);
END;
CREATE TRIGGER notes_proposal_kind_off AFTER UPDATE OF kind ON notes
WHEN old.kind = 'proposal' AND new.kind IS NOT 'proposal' BEGIN
	DELETE FROM proposals WHERE note_id = new.id;
END;
CREATE TRIGGER notes_proposal_au AFTER UPDATE OF text, item_id ON notes
WHEN new.kind = 'proposal' BEGIN
	UPDATE proposals SET text = new.text, item_id = new.item_id
	WHERE note_id = new.id AND (text IS NOT new.text OR item_id IS NOT new.item_id);
END;
CREATE TRIGGER notes_proposal_speaker AFTER UPDATE OF speaker ON notes
WHEN new.kind = 'proposal' AND old.speaker IS NOT new.speaker BEGIN
	UPDATE proposals SET unit = coalesce(
		(SELECT a.unit FROM attendees a WHERE a.meeting_id = new.meeting_id
		 AND a.name = new.speaker AND a.unit IS NOT NULL ORDER BY a.position LIMIT 1),
		new.speaker)
	WHERE note_id = new.id;
END;
CREATE TRIGGER notes_proposal_ad AFTER DELETE ON notes WHEN old.kind = 'proposal' BEGIN
	DELETE FROM proposals WHERE note_id = old.id;
END;
CREATE TRIGGER proposals_note_au AFTER UPDATE OF text ON proposals
WHEN new.note_id IS NOT NULL BEGIN
	UPDATE notes SET text = new.text WHERE id = new.note_id AND text IS NOT new.text;
END;
CREATE TRIGGER proposals_note_ad AFTER DELETE ON proposals WHEN old.note_id IS NOT NULL BEGIN
	DELETE FROM notes WHERE id = old.note_id;
END;
