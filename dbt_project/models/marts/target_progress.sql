-- Each plan target with its baseline, the latest preferred official figure for the same
-- region, canonical indicator, measure and base unit, and whether it is on track.
--
-- baseline: the value stated with the target; else an observation stated in the same plan
--   for the year before the period start; else the preferred official statistic for that year.
-- actual: the preferred official statistic with the latest year <= target year, from any source
--   (statistics CSV, statistical bulletin, work report), with its provenance: source type,
--   revision, document, fact, quote and its span (actual_*).
-- level / share targets: required_cagr = (target / baseline)^(1 / (target_year - baseline_year)) - 1,
--   achieved_cagr = (actual / baseline)^(1 / (actual_year - baseline_year)) - 1.
-- growth_rate targets: required_cagr = target / 100; achieved_cagr = geometric mean of the
--   preferred year-on-year growth statistics from the period start to the target year.
-- on_track: target met when actual_year = target year; else achieved_cagr vs required_cagr
--   in the indicator's direction; NULL when the data do not allow a judgement.
-- Growth columns are ratios (0.05 = 5 % a year), rounded to 10 decimals. Values are in base units.
with targets as (
    select t.*, p.period_start_year as plan_period_start_year
    from {{ ref('fct_plan_targets') }} as t
    left join {{ ref('int_plans') }} as p on p.plan_id = t.plan_id
),

preferred as (
    select *
    from {{ ref('fct_statistics') }}
    where is_preferred and region_code is not null and value_base is not null
),

plan_observations as (
    select
        plan_id, region_code, canonical_indicator_id, measure, base_unit, year,
        min(value_base) as value_base
    from {{ ref('int_facts_enriched') }}
    where role = 'observation' and value_base is not null
    group by all
),

prepared as (
    select
        t.*,
        case
            when t.quantity_kind is null or t.value_base is null then 'no_value_or_unit'
            when t.measure in ('level', 'share') and t.quantity_kind not in ('rank', 'multiple') then 'stock'
            when t.measure = 'growth_rate' and t.quantity_kind = 'percent' then 'growth'
            else 'not_comparable'
        end as progress_method,
        case
            when t.comparator in ('<', '<=') or t.polarity = 'lower_is_better' then -1
            else 1
        end as direction,
        coalesce(t.period_start_year, t.plan_period_start_year, t.year) as growth_window_start,
        coalesce(t.plan_period_start_year, t.period_start_year) - 1 as default_baseline_year
    from targets as t
),

with_baseline as (
    select
        p.*,
        case
            when p.baseline_value_base is not null then p.baseline_year
            when po.value_base is not null then po.year
            when bs.value_base is not null then bs.year
        end as baseline_year_resolved,
        coalesce(p.baseline_value_base, po.value_base, bs.value_base) as baseline_value_base_resolved,
        case when p.baseline_value_base is null and po.value_base is null then bs.statistic_id end
            as baseline_statistic_id,
        case
            when p.baseline_value_base is not null then 'plan_target'
            when po.value_base is not null then 'plan_observation'
            when bs.value_base is not null then 'statistics'
        end as baseline_source
    from prepared as p
    left join plan_observations as po
        on p.baseline_value_base is null
        and po.plan_id = p.plan_id
        and po.region_code = p.region_code
        and po.canonical_indicator_id = p.canonical_indicator_id
        and po.measure = p.measure
        and po.base_unit = p.base_unit
        and po.year = p.default_baseline_year
    left join preferred as bs
        on p.baseline_value_base is null
        and bs.region_code = p.region_code
        and bs.canonical_indicator_id = p.canonical_indicator_id
        and bs.measure = p.measure
        and bs.base_unit = p.base_unit
        and bs.year = p.default_baseline_year
),

latest_actual as (
    select
        b.target_id,
        s.statistic_id,
        s.year,
        s.value,
        s.unit,
        s.value_base,
        s.source_quality,
        s.bound,
        s.source_type,
        s.revision,
        s.source_title,
        s.source_file,
        s.doc_id,
        s.fact_id,
        s.quote,
        s.char_start,
        s.char_end,
        row_number() over (partition by b.target_id order by s.year desc) as recency
    from with_baseline as b
    join preferred as s
        on s.region_code = b.region_code
        and s.canonical_indicator_id = b.canonical_indicator_id
        and s.measure = b.measure
        and s.base_unit = b.base_unit
        and s.year <= b.year
),

growth_window as (
    select
        b.target_id,
        count(*) as n_growth_years,
        exp(avg(ln(1 + s.value_base / 100.0))) - 1 as mean_growth
    from with_baseline as b
    join preferred as s
        on b.progress_method = 'growth'
        and s.region_code = b.region_code
        and s.canonical_indicator_id = b.canonical_indicator_id
        and s.measure = 'growth_rate'
        and s.base_unit = 'percent'
        and s.year between b.growth_window_start and b.year
        and s.value_base > -100
    group by b.target_id
),

computed as (
    select
        b.*,
        a.statistic_id   as actual_statistic_id,
        a.year           as actual_year,
        a.value          as actual_value,
        a.unit           as actual_unit,
        a.value_base     as actual_value_base,
        a.source_quality as actual_source_quality,
        a.bound          as actual_bound,
        a.source_type    as actual_source_type,
        a.revision       as actual_revision,
        a.source_title   as actual_source_title,
        a.source_file    as actual_source_file,
        a.doc_id         as actual_doc_id,
        a.fact_id        as actual_fact_id,
        a.quote          as actual_quote,
        a.char_start     as actual_char_start,
        a.char_end       as actual_char_end,
        g.n_growth_years,
        case
            when b.progress_method = 'stock'
                and b.baseline_value_base_resolved > 0 and b.value_base > 0
                and b.year > b.baseline_year_resolved
                then power(b.value_base / b.baseline_value_base_resolved, 1.0 / (b.year - b.baseline_year_resolved)) - 1
            when b.progress_method = 'growth' then b.value_base / 100.0
        end as required_cagr,
        case
            when b.progress_method = 'stock'
                and b.baseline_value_base_resolved > 0 and a.value_base > 0
                and a.year > b.baseline_year_resolved
                then power(a.value_base / b.baseline_value_base_resolved, 1.0 / (a.year - b.baseline_year_resolved)) - 1
            when b.progress_method = 'growth' then g.mean_growth
        end as achieved_cagr
    from with_baseline as b
    left join latest_actual as a on a.target_id = b.target_id and a.recency = 1
    left join growth_window as g on g.target_id = b.target_id
)

select
    target_id,
    plan_id,
    plan_title,
    region_code,
    region_name,
    canonical_indicator_id,
    canonical_indicator_name,
    indicator_name,
    measure,
    polarity,
    comparator,
    is_aspirational,
    kind,
    per_year,
    year                              as target_year,
    value                             as target_value,
    unit                              as target_unit,
    value_base                        as target_value_base,
    base_unit,
    baseline_year_resolved            as baseline_year,
    baseline_value_base_resolved      as baseline_value_base,
    baseline_source,
    baseline_statistic_id,
    actual_statistic_id,
    actual_year,
    actual_value,
    actual_unit,
    actual_value_base,
    actual_source_quality,
    actual_bound,
    actual_source_type,
    actual_revision,
    actual_source_title,
    actual_source_file,
    actual_doc_id,
    actual_fact_id,
    actual_quote,
    actual_char_start,
    actual_char_end,
    n_growth_years,
    progress_method,
    round(required_cagr, 10)          as required_cagr,
    round(achieved_cagr, 10)          as achieved_cagr,
    case
        when progress_method = 'stock' and actual_value_base is not null
            then value_base - actual_value_base
    end                               as gap_to_target_base,
    case
        when progress_method = 'stock' and actual_year = year
            then direction * (actual_value_base - value_base) >= 0
        when progress_method = 'growth' and actual_year = year and n_growth_years is not null
            then direction * (achieved_cagr - required_cagr) >= 0
    end                               as target_met,
    case
        when progress_method = 'stock' and actual_year = year
            then direction * (actual_value_base - value_base) >= 0
        when required_cagr is not null and achieved_cagr is not null
            then direction * (achieved_cagr - required_cagr) >= 0
    end                               as on_track,
    case
        when progress_method = 'stock' and actual_year = year then 'target_year_reached'
        when required_cagr is not null and achieved_cagr is not null then 'growth_comparison'
        when progress_method not in ('stock', 'growth') then progress_method
        when actual_year is null and n_growth_years is null then 'no_official_figure'
        else 'no_baseline'
    end                               as on_track_basis
from computed
