-- Every year referenced as a target, baseline, observation, period or statistic year, with
-- the five-year plan it falls in (regular since the 3rd plan, 1966–1970: 十三五 2016–2020,
-- 十四五 2021–2025, 十五五 2026–2030).
with facts as (
    select * from {{ ref('stg_facts') }}
),

years as (
    select year, 'target' as usage from facts where role = 'target' and year is not null
    union all
    select year, 'observation' from facts where role = 'observation' and year is not null
    union all
    select baseline_year, 'baseline' from facts where baseline_year is not null
    union all
    select period_start_year, 'period' from facts where period_start_year is not null
    union all
    select period_start_year, 'period' from {{ ref('stg_documents') }} where period_start_year is not null
    union all
    select period_end_year, 'period' from {{ ref('stg_documents') }} where period_end_year is not null
    union all
    select year, 'statistic' from {{ ref('stg_statistics') }} where year is not null
),

distinct_years as (
    select
        cast(year as integer)                               as year,
        bool_or(usage = 'target')                           as is_target_year,
        bool_or(usage = 'baseline')                         as is_baseline_year,
        bool_or(usage = 'observation')                      as is_observation_year,
        bool_or(usage = 'statistic')                        as is_statistic_year,
        bool_or(usage = 'period')                           as is_period_year
    from years
    group by 1
),

numbered as (
    select
        *,
        case when year >= 1966 then cast(floor((year - 1966) / 5) as integer) + 3 end as five_year_plan_number
    from distinct_years
)

select
    year,
    five_year_plan_number,
    case
        when five_year_plan_number between 1 and 20 then
            ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
             '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'][five_year_plan_number]
            || '五'
    end                                                  as five_year_plan,
    1966 + (five_year_plan_number - 3) * 5               as five_year_plan_start_year,
    1966 + (five_year_plan_number - 3) * 5 + 4           as five_year_plan_end_year,
    is_target_year,
    is_baseline_year,
    is_observation_year,
    is_statistic_year,
    is_period_year
from numbered
