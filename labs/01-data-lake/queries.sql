-- Saved (named) queries of Lab 01. The stack loads them from this file into the lab's Athena workgroup,
-- and `npm run lab -- data-lake verify` runs them in this order. Each query starts with a `-- name:` line
-- and a `-- description:` line. Tables: `hives` (CSV) and `inspections` (JSON lines, partitioned by year),
-- both created by the Glue crawler; `curated_inspections` (Parquet) is created by the CTAS query below.

-- name: preview_inspections
-- description: The first rows of one partition of the JSON-lines table (partition pruning on year).
SELECT *
FROM inspections
WHERE year = '2025'
LIMIT 10;

-- name: outcome_balance
-- description: Rows per label and missing mite counts: an unbalanced label and missing values, found with GROUP BY.
SELECT outcome,
       count(*) AS inspections,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct,
       count(*) - count(mite_count) AS missing_mite_counts,
       round(avg(mite_count), 1) AS avg_mite_count
FROM inspections
GROUP BY outcome
ORDER BY inspections DESC;

-- name: losses_by_region_and_hive_type
-- description: A join of the two tables (JSON lines and CSV): honey and colony losses by region and hive type.
SELECT h.region,
       h.hive_type,
       count(*) AS inspections,
       round(avg(i.honey_kg), 1) AS avg_honey_kg,
       sum(CASE WHEN i.outcome = 'lost' THEN 1 ELSE 0 END) AS lost
FROM inspections i
JOIN hives h ON i.hive_id = h.hive_id
GROUP BY h.region, h.hive_type
ORDER BY h.region, h.hive_type;

-- name: create_curated_inspections
-- description: CTAS: the joined table as Snappy-compressed Parquet, partitioned by year, registered in the Glue Data Catalog.
CREATE TABLE curated_inspections
WITH (
  format = 'PARQUET',
  write_compression = 'SNAPPY',
  partitioned_by = ARRAY['year']
) AS
SELECT i.inspection_id,
       i.hive_id,
       h.region,
       h.hive_type,
       h.installed_year,
       h.colony_source,
       CAST(i.inspected_on AS date) AS inspected_on,
       i.temperature_c,
       i.humidity_pct,
       i.frames_of_brood,
       i.mite_count,
       i.queen_seen,
       i.temperament,
       i.honey_kg,
       i.outcome,
       i.year
FROM inspections i
JOIN hives h ON i.hive_id = h.hive_id;

-- name: curated_mites_by_outcome
-- description: The same question on Parquet: compare "Data scanned" with the JSON-lines table.
SELECT outcome,
       round(avg(mite_count), 1) AS avg_mite_count,
       round(avg(frames_of_brood), 1) AS avg_frames_of_brood
FROM curated_inspections
WHERE year = '2025'
GROUP BY outcome
ORDER BY outcome;
