-- 011_note_after_conclusions.sql - a note typed after the chair's
-- conclusions.
--
-- The minutes print the conclusions item's notes, then the conclusions
-- numbered and the directives (bien-ban.md, item 7). What the chair or the
-- secretary says once the conclusions are given (the closing words, the
-- minutes read out and adopted) was printed before them, so the minutes
-- had the meeting closed before the chair concluded. The conclusions and
-- directives carry no time of their own; a note records instead that it
-- was typed live after the last conclusion or directive captured so far
-- (capturing one puts the notes typed before it back before them all),
-- and the minutes (and the live screen) print such notes of the
-- conclusions item after them. Stores from before keep every note before
-- them, as they were printed.
ALTER TABLE notes ADD COLUMN after_conclusions INTEGER NOT NULL DEFAULT 0
	CHECK (after_conclusions IN (0, 1));
