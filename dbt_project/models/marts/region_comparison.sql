-- Canonical indicator x region x year x measure x base unit: what plans target and what
-- was achieved (preferred official statistic — statistics CSV, statistical bulletin or work
-- report, with its provenance — and values stated in plans), in base units.
with targets as (
    select
        canonical_indicator_id, region_code, year, measure, base_unit,
        count(*)                                                  as n_targets,
        min(value_base) filter (where not is_aspirational)        as target_value_base_min,
        max(value_base) filter (where not is_aspirational)        as target_value_base_max,
        max(value_base) filter (where is_aspirational)            as stretch_target_value_base,
        string_agg(distinct plan_id, ',' order by plan_id)        as target_plan_ids
    from {{ ref('fct_plan_targets') }}
    where region_code is not null and base_unit is not null and year is not null
    group by all
),

actuals as (
    select
        canonical_indicator_id, region_code, year, measure, base_unit,
        value_base     as actual_value_base,
        statistic_id   as actual_statistic_id,
        source_quality as actual_source_quality,
        bound          as actual_bound,
        source_type    as actual_source_type,
        revision       as actual_revision,
        source_title   as actual_source_title,
        doc_id         as actual_doc_id,
        fact_id        as actual_fact_id,
        quote          as actual_quote
    from {{ ref('fct_statistics') }}
    where is_preferred and region_code is not null and base_unit is not null and year is not null
),

plan_observations as (
    select
        canonical_indicator_id, region_code, year, measure, base_unit,
        count(*)        as n_plan_observations,
        min(value_base) as plan_observation_value_base_min,
        max(value_base) as plan_observation_value_base_max
    from {{ ref('int_facts_enriched') }}
    where role = 'observation' and region_code is not null and base_unit is not null and year is not null
      -- a bulletin's or work report's observations are statistics (actuals), not plan statements
      and fact_id not in (select fact_id from {{ ref('int_document_statistics') }})
    group by all
),

keys as (
    select canonical_indicator_id, region_code, year, measure, base_unit from targets
    union
    select canonical_indicator_id, region_code, year, measure, base_unit from actuals
    union
    select canonical_indicator_id, region_code, year, measure, base_unit from plan_observations
)

select
    {{ short_hash(['k.canonical_indicator_id', 'k.region_code', 'k.year', 'k.measure', 'k.base_unit']) }} as comparison_id,
    k.canonical_indicator_id,
    i.name_zh                         as canonical_indicator_name,
    i.category                        as indicator_category,
    k.region_code,
    r.region_name,
    r.level                           as region_level,
    k.year,
    k.measure,
    k.base_unit,
    coalesce(t.n_targets, 0)          as n_targets,
    t.target_value_base_min,
    t.target_value_base_max,
    t.stretch_target_value_base,
    t.target_plan_ids,
    a.actual_value_base,
    a.actual_statistic_id,
    a.actual_source_quality,
    a.actual_bound,
    a.actual_source_type,
    a.actual_revision,
    a.actual_source_title,
    a.actual_doc_id,
    a.actual_fact_id,
    a.actual_quote,
    coalesce(o.n_plan_observations, 0) as n_plan_observations,
    o.plan_observation_value_base_min,
    o.plan_observation_value_base_max
from keys as k
left join targets as t using (canonical_indicator_id, region_code, year, measure, base_unit)
left join actuals as a using (canonical_indicator_id, region_code, year, measure, base_unit)
left join plan_observations as o using (canonical_indicator_id, region_code, year, measure, base_unit)
left join {{ ref('dim_indicators') }} as i on i.canonical_indicator_id = k.canonical_indicator_id
left join {{ ref('stg_regions') }} as r on r.region_code = k.region_code
