-- Warns when a fact names a region that has no code (or a code missing from the
-- hierarchy). The facts are kept.
{{ config(severity = 'warn') }}
select * from {{ ref('unresolved_regions') }}
