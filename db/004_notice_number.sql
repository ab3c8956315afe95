-- 004_notice_number.sql - the notice of conclusions (thông báo kết luận)
-- has a document number of its own ("15-TB/TĐTN-VP"), beside the minutes'
-- document_number: the two are registered separately by the office.
ALTER TABLE meetings ADD COLUMN notice_number TEXT;
