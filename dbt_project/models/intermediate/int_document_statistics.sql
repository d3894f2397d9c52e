-- Official figures read from documents: every observation of a statistical bulletin
-- (统计公报, also its news versions) and of a government work report (政府工作报告), shaped like
-- a row of the statistics CSV so that int_statistics_ranked can rank both together.
--
-- source_type   statistical_bulletin | work_report (a document whose title is a 政府工作报告)
-- revision      (the documented rule, README "Statistics: which figure analysts see")
--   bulletin     a figure of its reporting year is final; a figure of an earlier year is a
--                restatement by a later bulletin: revised
--   work report  a figure of the year just ended (or later) is preliminary — the report is
--                delivered before that year's bulletin; a figure of an earlier year is a
--                restatement after the bulletin: revised
-- indicator     mapped through indicator_forms on the name as written, else on the name
--               without its scope and change words (statistic_indicator_name)
-- measure       from kind, as for plan facts (rate → growth_rate); a rate or increment written
--               as a fall (下降2.3%) gets a minus sign, as in the statistics CSV
-- bound         from the comparator (= exact, ~ approximate, > >= lower, < <= upper)
with facts as (
    select * from {{ ref('int_facts_enriched') }}
    where role = 'observation' and year is not null and value is not null
),

documents as (
    select
        doc_id,
        doc_kind,
        plan_title,
        published_date,
        period_start_year,
        period_end_year,
        outlet,
        case
            when doc_kind = 'statistical_bulletin' then 'statistical_bulletin'
            when coalesce(plan_title, '') like '%政府工作报告%' then 'work_report'
        end as source_type,
        coalesce(year(published_date), period_start_year) as published_year
    from {{ ref('stg_documents') }}
),

forms as (
    select * from {{ ref('stg_indicator_forms') }}
),

units as (
    select * from {{ ref('stg_units') }}
),

statistic_facts as (
    select
        f.*,
        d.source_type,
        d.doc_kind,
        d.plan_title,
        d.published_date,
        d.published_year,
        d.period_end_year as reporting_year,
        d.outlet,
        {{ normalize_indicator(statistic_indicator_name('f.indicator_name', 'f.kind')) }} as statistic_indicator_key,
        {{ is_written_as_fall('f.indicator_name', 'f.kind') }} as written_as_fall
    from facts as f
    join documents as d using (doc_id)
    where d.source_type is not null
)

select
    {{ short_hash(["'document'", 'f.fact_id']) }}                      as statistic_id,
    f.source_type,
    f.source_file,
    cast(null as integer)                                               as row_number,
    f.region_name,
    f.region_code,
    f.indicator_name                                                    as indicator,
    coalesce(whole.indicator_key, f.statistic_indicator_key)            as indicator_key,
    coalesce(whole.canonical_indicator_id, stripped.canonical_indicator_id,
             'unreviewed__' || f.statistic_indicator_key)               as canonical_indicator_id,
    coalesce(whole.canonical_indicator_id, stripped.canonical_indicator_id) is null as needs_review,
    f.year,
    case when f.written_as_fall then -abs(f.value) else f.value end     as value,
    f.unit,
    u.quantity_kind,
    u.base_unit,
    u.multiplier,
    case when f.written_as_fall then -abs(f.value) else f.value end * u.multiplier as value_base,
    f.measure,
    case f.comparator
        when '~' then 'approximate'
        when '>' then 'lower'
        when '>=' then 'lower'
        when '<' then 'upper'
        when '<=' then 'upper'
        else 'exact'
    end                                                                 as bound,
    case
        when f.source_type = 'statistical_bulletin' and f.year = f.reporting_year then 'final'
        when f.source_type = 'statistical_bulletin' and f.year < f.reporting_year then 'revised'
        when f.source_type = 'work_report' and f.year >= f.published_year - 1 then 'preliminary'
        when f.source_type = 'work_report' and f.year < f.published_year - 1 then 'revised'
        else 'unknown'
    end                                                                 as revision,
    'ok'                                                                as source_quality,
    case f.source_type
        when 'statistical_bulletin' then '统计公报 (reporting year ' || coalesce(cast(f.reporting_year as varchar), '?') || ')'
        else '政府工作报告 (published ' || coalesce(cast(f.published_year as varchar), '?') || ')'
    end
        || case when f.outlet is not null then '; news version by ' || f.outlet else '' end
        || case when f.written_as_fall then '; written as a fall, stored negative' else '' end
                                                                        as scope_note,
    f.plan_title                                                        as source_title,
    cast(null as varchar)                                               as source_url,
    f.quote,
    f.doc_id,
    f.fact_id,
    f.char_start,
    f.char_end,
    f.source_text,
    f.published_date
from statistic_facts as f
left join forms as whole on whole.indicator_key = f.indicator_key
left join forms as stripped on stripped.indicator_key = f.statistic_indicator_key
left join units as u on u.unit = f.unit
