-- Targets, once per plan: documents restating a plan's target (the notice, the plan text,
-- news reports) collapse into one row. Key: plan, canonical indicator, region, year, value in
-- base units (1.2万亿元 in the text and 12000亿元 in the table are one target), comparator,
-- is_aspirational. Descriptive columns come from the most informative fact: one that states a
-- baseline first, then government_document > plan_text > news, then earlier publication, ordinal.
with targets as (
    select
        f.*,
        d.doc_kind,
        d.published_date
    from {{ ref('int_facts_enriched') }} as f
    join {{ ref('stg_documents') }} as d using (doc_id)
    where f.role = 'target'
),

keyed as (
    select
        *,
        {{ short_hash(['plan_id', 'canonical_indicator_id', 'region_code', 'year',
                       'round(coalesce(value_base, value), 4)', 'round(coalesce(value_high_base, value_high), 4)',
                       'coalesce(base_unit, unit)', 'comparator', 'is_aspirational']) }} as target_id
    from targets
),

ranked as (
    select
        *,
        row_number() over (
            partition by target_id
            order by
                baseline_value is null,  -- the statement that gives the baseline (a table row) describes it best
                case doc_kind when 'government_document' then 0 when 'plan_text' then 1 else 2 end,
                published_date nulls last, doc_id, ordinal
        ) as authority_rank
    from keyed
),

grouped as (
    select
        target_id,
        count(*)                                              as n_facts,
        count(distinct doc_id)                                as n_documents,
        string_agg(distinct doc_id, ',' order by doc_id)      as doc_ids,
        string_agg(fact_id, ',' order by fact_id)             as fact_ids
    from keyed
    group by target_id
)

select
    r.target_id,
    r.plan_id,
    p.plan_title,
    r.canonical_indicator_id,
    r.canonical_indicator_name,
    r.indicator_category,
    r.polarity,
    r.indicator_name,
    r.region_code,
    r.region_name,
    r.region_level,
    r.year,
    r.value,
    r.value_high,
    r.unit,
    r.quantity_kind,
    r.base_unit,
    r.value_base,
    r.value_high_base,
    r.comparator,
    r.is_aspirational,
    r.kind,
    r.measure,
    r.per_year,
    r.period_start_year,
    r.year_inferred,
    r.baseline_value,
    r.baseline_year,
    r.baseline_value_base,
    r.attribute,
    r.quote,
    r.fact_id                as primary_fact_id,
    r.doc_id                 as primary_doc_id,
    g.n_facts,
    g.n_documents,
    g.doc_ids,
    g.fact_ids
from ranked as r
join grouped as g using (target_id)
left join {{ ref('int_plans') }} as p on p.plan_id = r.plan_id
where r.authority_rank = 1
