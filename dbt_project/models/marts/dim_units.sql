-- Units as written (units.csv) with their quantity kind, base unit and multiplier.
with usage as (
    select unit, count(*) as n_plan_facts from {{ ref('stg_facts') }} group by unit
),

stat_usage as (
    select unit, count(*) as n_statistics from {{ ref('int_statistics_ranked') }} group by unit
)

select
    u.unit,
    u.quantity_kind,
    u.base_unit,
    u.multiplier,
    u.description,
    coalesce(f.n_plan_facts, 0) as n_plan_facts,
    coalesce(s.n_statistics, 0) as n_statistics
from {{ ref('stg_units') }} as u
left join usage as f on f.unit = u.unit
left join stat_usage as s on s.unit = u.unit
