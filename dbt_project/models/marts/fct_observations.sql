-- Achieved / historical values from two sources: observation facts stated in plan
-- documents (source = 'plan') and official statistics (source = 'statistics': the statistics
-- CSV and the observations of statistical bulletins and work reports, source_type says which).
-- A bulletin's or work report's observation appears once, as a statistic, with its fact_id.
-- The preference rule (is_preferred, preference_rank, revision, source_quality) applies
-- to statistics only and is NULL for plan rows; a plan row's bound comes from its
-- comparator (= exact, ~ approximate, > >= lower, < <= upper).
select
    'plan:' || f.fact_id                 as observation_id,
    'plan'                               as source,
    'plan_document'                      as source_type,
    f.fact_id,
    cast(null as varchar)                as statistic_id,
    f.doc_id,
    f.plan_id,
    f.region_code,
    f.region_name,
    f.indicator_name,
    f.canonical_indicator_id,
    f.year,
    f.value,
    f.unit,
    f.value_base,
    f.base_unit,
    f.quantity_kind,
    f.measure,
    case f.comparator
        when '=' then 'exact'
        when '~' then 'approximate'
        when '>' then 'lower'
        when '>=' then 'lower'
        when '<' then 'upper'
        when '<=' then 'upper'
    end                                  as bound,
    cast(null as varchar)                as revision,
    cast(null as varchar)                as source_quality,
    cast(null as boolean)                as is_preferred,
    cast(null as integer)                as preference_rank,
    f.quote
from {{ ref('int_facts_enriched') }} as f
where f.role = 'observation'
  and f.fact_id not in (select fact_id from {{ ref('int_document_statistics') }})

union all

select
    'statistics:' || s.statistic_id      as observation_id,
    'statistics'                         as source,
    s.source_type,
    s.fact_id,
    s.statistic_id,
    s.doc_id,
    dp.plan_id,
    s.region_code,
    s.region_name,
    s.indicator                          as indicator_name,
    s.canonical_indicator_id,
    s.year,
    s.value,
    s.unit,
    s.value_base,
    s.base_unit,
    s.quantity_kind,
    s.measure,
    s.bound,
    s.revision,
    s.source_quality,
    s.is_preferred,
    s.preference_rank,
    s.quote
from {{ ref('fct_statistics') }} as s
left join {{ ref('int_document_plans') }} as dp on dp.doc_id = s.doc_id
