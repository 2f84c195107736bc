-- overlay-apply: writes the overlay and the rule verdict of a batch of patches in one statement.
-- $1 jsonb  array of { id, overlay, rule, severity, suspected, trace }
-- Returns: nothing (rowCount = patches updated)
UPDATE patches AS p
SET overlay = u.overlay,
    rule = u.rule,
    severity = u.severity,
    suspected = u.suspected,
    rule_trace = u.trace
FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, overlay jsonb, rule text, severity text, suspected boolean, trace jsonb)
WHERE p.id = u.id
