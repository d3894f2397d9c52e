-- Canonical indicators: the reviewed list (indicators.csv) plus one unreviewed entry per
-- normalised written form that maps to nothing (needs_review = true).
with reviewed as (
    select
        i.canonical_indicator_id,
        i.name_zh,
        i.name_en,
        i.category,
        i.polarity,
        i.default_measure,
        false as needs_review,
        (select string_agg(f.written_forms, ' | ' order by f.indicator_key)
         from {{ ref('stg_indicator_forms') }} as f
         where f.canonical_indicator_id = i.canonical_indicator_id) as written_forms
    from {{ ref('indicators') }} as i
),

unreviewed as (
    select
        canonical_indicator_id,
        min(indicator_key)                       as name_zh,
        cast(null as varchar)                    as name_en,
        cast(null as varchar)                    as category,
        cast(null as varchar)                    as polarity,
        cast(null as varchar)                    as default_measure,
        true                                     as needs_review,
        string_agg(distinct written_form, ' | ') as written_forms
    from (
        select canonical_indicator_id, indicator_key, indicator_name as written_form
        from {{ ref('int_facts_enriched') }} where needs_review
        union all
        select canonical_indicator_id, indicator_key, indicator as written_form
        from {{ ref('int_statistics_ranked') }} where needs_review
    ) as u
    group by canonical_indicator_id
),

all_indicators as (
    select * from reviewed
    union all
    select * from unreviewed
),

fact_counts as (
    select canonical_indicator_id, count(*) as n_plan_facts
    from {{ ref('int_facts_enriched') }} group by 1
),

stat_counts as (
    select canonical_indicator_id, count(*) as n_statistics
    from {{ ref('int_statistics_ranked') }} group by 1
)

select
    a.*,
    coalesce(f.n_plan_facts, 0) as n_plan_facts,
    coalesce(s.n_statistics, 0) as n_statistics
from all_indicators as a
left join fact_counts as f using (canonical_indicator_id)
left join stat_counts as s using (canonical_indicator_id)
