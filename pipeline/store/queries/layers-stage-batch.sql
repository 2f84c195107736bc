-- Stages a batch of source features (parallel arrays, one element per feature).
-- $1 integer[] fid, $2 text[] hex WKB, $3 text[] dlbm, $4 text[] dlmc, $5 text[] approval_no,
-- $6 text[] approval_doc, $7 date[] approval_date, $8 jsonb[] attrs, $9 boolean[] repaired on the
-- client. Returns: nothing.
INSERT INTO layer_stage (fid, wkb, dlbm, dlmc, approval_no, approval_doc, approval_date, attrs, js_repaired)
SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::jsonb[], $9::boolean[])
