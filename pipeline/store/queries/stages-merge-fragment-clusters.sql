-- The run's patches that touch or overlap, clustered as stages-merge-across-pairs joins them, for
-- the clusters that hold a fragment. $1 run id. Returns per cluster: ids, pair_ids, fragments
-- (jsonb array, null for a decided patch), area_m2 and perimeter_m of the union (ellipsoidal).
WITH c AS (
  SELECT id, pair_id, fragment, geom, ST_ClusterDBSCAN(geom, eps := 1e-7, minpoints := 1) OVER () AS cid
  FROM patches WHERE run_id = $1
), u AS (
  SELECT array_agg(id ORDER BY id) AS ids, array_agg(pair_id ORDER BY id) AS pair_ids,
    jsonb_agg(fragment ORDER BY id) AS fragments, ST_Union(geom)::geography AS g
  FROM c GROUP BY cid HAVING bool_or(fragment IS NOT NULL)
)
SELECT ids, pair_ids, fragments, ST_Area(g) AS area_m2, ST_Perimeter(g) AS perimeter_m FROM u
