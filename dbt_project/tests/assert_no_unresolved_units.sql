-- Warns (never fails the build) when facts or statistics use a unit units.csv does not
-- know. The rows stay in every model; add the unit to seeds/units.csv.
{{ config(severity = 'warn') }}
select * from {{ ref('unresolved_units') }}
