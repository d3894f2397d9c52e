-- Achieved / historical values from two sources: observation facts stated in plan
-- documents (source = 'plan') and official statistics (source = 'statistics').
-- The preference rule (is_preferred, preference_rank, revision, source_quality) applies
-- to statistics only and is NULL for plan rows; a plan row's bound comes from its
-- comparator (= exact, ~ approximate, > >= lower, < <= upper).
select
    'plan:' || f.fact_id                 as observation_id,
    'plan'                               as source,
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

union all

select
    'statistics:' || s.statistic_id      as observation_id,
    'statistics'                         as source,
    cast(null as varchar)                as fact_id,
    s.statistic_id,
    cast(null as varchar)                as doc_id,
    cast(null as varchar)                as plan_id,
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
