-- Every official statistic (none dropped): the rows of the statistics CSV and the observations
-- of statistical bulletins and government work reports, with canonical indicator, value in
-- base units, provenance (document, fact, quote and its span) and its place in the preference
-- rule (int_statistics_ranked).
select
    s.statistic_id,
    s.source_type,
    s.source_file,
    s.row_number,
    s.region_code,
    coalesce(s.region_name, r.region_name) as region_name,
    r.level                                as region_level,
    s.indicator,
    s.canonical_indicator_id,
    s.year,
    s.value,
    s.unit,
    s.value_decimals,
    s.value_base,
    s.base_unit,
    s.quantity_kind,
    s.measure,
    s.bound,
    s.revision,
    s.is_rounded_restatement,
    s.source_quality,
    s.scope_note,
    s.source_title,
    s.source_url,
    s.quote,
    s.doc_id,
    s.fact_id,
    s.char_start,
    s.char_end,
    s.source_text,
    s.published_date,
    s.is_preferred,
    s.preference_rank
from {{ ref('int_statistics_ranked') }} as s
left join {{ ref('stg_regions') }} as r on r.region_code = s.region_code
