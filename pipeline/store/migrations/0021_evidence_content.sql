-- 0021: evidence is rendered by queue workers (the evidence stage) and written to files by the
-- export where the run was started, so the chips travel through the store. PNG does not compress:
-- stored out of line without compression. The HTML page has no content here (the export builds it).
ALTER TABLE clue_evidence ADD COLUMN content bytea;
ALTER TABLE clue_evidence ALTER COLUMN content SET STORAGE EXTERNAL;
