-- Every official statistics row (none dropped), with its canonical indicator, value in base
-- units and its place in the preference rule (int_statistics_ranked).
select
    s.statistic_id,
    s.source_file,
    s.row_number,
    s.region_code,
    coalesce(s.region_name, r.region_name) as region_name,
    s.indicator,
    s.canonical_indicator_id,
    s.year,
    s.value,
    s.unit,
    s.value_base,
    s.base_unit,
    s.quantity_kind,
    s.measure,
    s.bound,
    s.revision,
    s.source_quality,
    s.scope_note,
    s.source_title,
    s.source_url,
    s.quote,
    s.is_preferred,
    s.preference_rank
from {{ ref('int_statistics_ranked') }} as s
left join {{ ref('stg_regions') }} as r on r.region_code = s.region_code
