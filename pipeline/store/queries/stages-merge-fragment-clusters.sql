-- The run's patches that touch or overlap, clustered as stages-merge-across-pairs joins them, for
-- the clusters that hold a fragment. $1 run id. Returns per cluster: ids, pair_ids, fragment flags,
-- edge_stats (jsonb array, null for a patch not on its tile's edge), area_m2 and perimeter_m of
-- the union (ellipsoidal).
WITH c AS (
  SELECT id, pair_id, fragment, edge_stats, geom, ST_ClusterDBSCAN(geom, eps := 1e-7, minpoints := 1) OVER () AS cid
  FROM patches WHERE run_id = $1
), u AS (
  SELECT array_agg(id ORDER BY id) AS ids, array_agg(pair_id ORDER BY id) AS pair_ids,
    array_agg(fragment ORDER BY id) AS fragments, jsonb_agg(edge_stats ORDER BY id) AS edge_stats,
    ST_Union(geom)::geography AS g
  FROM c GROUP BY cid HAVING bool_or(fragment)
)
SELECT ids, pair_ids, fragments, edge_stats, ST_Area(g) AS area_m2, ST_Perimeter(g) AS perimeter_m FROM u
