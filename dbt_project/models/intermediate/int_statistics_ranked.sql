-- Official statistics with canonical indicator, base-unit value and the preference rule
-- (raw/statistics/README.md): within one (region_code, canonical indicator, year, measure),
-- source_quality ok before low; revision final > revised > preliminary > unknown;
-- bound exact > approximate > lower; then the earlier CSV row. Rank 1 is_preferred;
-- the other rows are kept.
with statistics as (
    select * from {{ ref('stg_statistics') }}
),

units as (
    select * from {{ ref('stg_units') }}
),

forms as (
    select * from {{ ref('stg_indicator_forms') }}
),

enriched as (
    select
        s.*,
        coalesce(fm.canonical_indicator_id, 'unreviewed__' || s.indicator_key) as canonical_indicator_id,
        fm.canonical_indicator_id is null as needs_review,
        u.quantity_kind,
        u.base_unit,
        u.multiplier,
        s.value * u.multiplier            as value_base
    from statistics as s
    left join units as u on u.unit = s.unit
    left join forms as fm on fm.indicator_key = s.indicator_key
),

ranked as (
    select
        *,
        cast(row_number() over (
            partition by region_code, canonical_indicator_id, year, measure
            order by
                case source_quality when 'ok' then 0 when 'low' then 1 else 2 end,
                case revision when 'final' then 0 when 'revised' then 1 when 'preliminary' then 2 else 3 end,
                case bound when 'exact' then 0 when 'approximate' then 1 when 'lower' then 2 else 3 end,
                source_file,
                row_number
        ) as integer) as preference_rank
    from enriched
)

select *, preference_rank = 1 as is_preferred
from ranked
