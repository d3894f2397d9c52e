-- Official statistics from every source, with canonical indicator, base-unit value and the
-- preference rule (README "Statistics: which figure analysts see"; raw/statistics/README.md).
--
-- Sources (source_type): statistics_csv (raw/statistics/*.csv, one row per CSV row),
-- statistical_bulletin and work_report (observations read from documents, int_document_statistics).
--
-- Within one (region_code, canonical indicator, year, measure):
--   1. source_quality ok before low;
--   2. revision: revised (a later restatement that changes the figure) > final > a restatement
--      that only repeats a final figure to fewer digits (is_rounded_restatement) > preliminary
--      > unknown — later figures supersede earlier ones, rounding does not;
--   3. bound exact > approximate > lower / upper;
--   4. source type statistical_bulletin > statistics_csv > work_report;
--   5. then the source file, the CSV row / the position in the document.
-- Rank 1 is_preferred; the other rows are kept.
with csv_statistics as (
    select
        s.statistic_id,
        'statistics_csv'                  as source_type,
        s.source_file,
        s.row_number,
        s.region_name,
        s.region_code,
        s.indicator,
        s.indicator_key,
        coalesce(fm.canonical_indicator_id, 'unreviewed__' || s.indicator_key) as canonical_indicator_id,
        fm.canonical_indicator_id is null as needs_review,
        s.year,
        s.value,
        s.unit,
        u.quantity_kind,
        u.base_unit,
        u.multiplier,
        s.value * u.multiplier            as value_base,
        s.measure,
        s.bound,
        s.revision,
        s.source_quality,
        s.scope_note,
        s.source_title,
        s.source_url,
        s.quote,
        cast(null as varchar)             as doc_id,
        cast(null as varchar)             as fact_id,
        cast(null as integer)             as char_start,
        cast(null as integer)             as char_end,
        cast(null as varchar)             as source_text,
        cast(null as date)                as published_date
    from {{ ref('stg_statistics') }} as s
    left join {{ ref('stg_units') }} as u on u.unit = s.unit
    left join {{ ref('stg_indicator_forms') }} as fm on fm.indicator_key = s.indicator_key
),

document_statistics as (
    select * from {{ ref('int_document_statistics') }}
),

all_statistics as (
    select * from csv_statistics
    union all by name
    select * from document_statistics
),

with_decimals as (
    select
        *,
        {{ written_decimals('value', "coalesce(quote, '') || ' ' || coalesce(source_text, '')") }} as value_decimals
    from all_statistics
),

-- a restatement (revision revised) whose value is a final figure of the same key rounded to
-- the restatement's digits (过去五年…从2018年的4874亿元 for 4874.67) repeats it, not revises it
rounded_restatements as (
    select distinct r.statistic_id
    from with_decimals as r
    join with_decimals as f
        on f.region_code = r.region_code
        and f.canonical_indicator_id = r.canonical_indicator_id
        and f.year = r.year
        and f.measure = r.measure
        and f.revision = 'final'
        and f.value_decimals > r.value_decimals
        and abs(round(f.value, r.value_decimals) - r.value) < 1e-9 * greatest(1, abs(r.value))
    where r.revision = 'revised'
),

ranked as (
    select
        s.*,
        rr.statistic_id is not null as is_rounded_restatement,
        cast(row_number() over (
            partition by s.region_code, s.canonical_indicator_id, s.year, s.measure
            order by
                case s.source_quality when 'ok' then 0 when 'low' then 1 else 2 end,
                case
                    when s.revision = 'revised' and rr.statistic_id is null then 0
                    when s.revision = 'final' then 1
                    when s.revision = 'revised' then 2
                    when s.revision = 'preliminary' then 3
                    else 4
                end,
                case s.bound when 'exact' then 0 when 'approximate' then 1 when 'lower' then 2 when 'upper' then 2 else 3 end,
                case s.source_type when 'statistical_bulletin' then 0 when 'statistics_csv' then 1 else 2 end,
                s.source_file,
                s.row_number,
                s.char_start,
                s.statistic_id
        ) as integer) as preference_rank
    from with_decimals as s
    left join rounded_restatements as rr using (statistic_id)
)

select *, preference_rank = 1 as is_preferred
from ranked
