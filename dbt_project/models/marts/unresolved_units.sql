-- Units used by facts or statistics that units.csv does not know. Those rows are kept
-- everywhere (with NULL quantity_kind, base_unit and value_base); add the unit to
-- seeds/units.csv to resolve them.
select
    'plan' as source,
    f.fact_id as record_id,
    f.doc_id,
    f.unit,
    f.indicator_name,
    f.value,
    f.quote
from {{ ref('int_facts_enriched') }} as f
where f.base_unit is null

union all

select
    'statistics' as source,
    s.statistic_id as record_id,
    cast(null as varchar) as doc_id,
    s.unit,
    s.indicator as indicator_name,
    s.value,
    s.quote
from {{ ref('int_statistics_ranked') }} as s
where s.base_unit is null
  and s.source_type = 'statistics_csv'  -- a document's statistic is its fact, listed above
