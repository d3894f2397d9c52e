-- Facts with their plan, canonical indicator, unit semantics and values in base units.
-- No row is ever dropped: an unknown unit leaves quantity_kind/base_unit/value_base NULL
-- (listed in unresolved_units), an unknown indicator gets an id of its own derived from the
-- normalised form with needs_review = true, a region name without a code is looked up by
-- name (only when the name is unique in the hierarchy; else listed in unresolved_regions).
with facts as (
    select * from {{ ref('stg_facts') }}
),

units as (
    select * from {{ ref('stg_units') }}
),

forms as (
    select * from {{ ref('stg_indicator_forms') }}
),

indicators as (
    select * from {{ ref('indicators') }}
),

regions as (
    select * from {{ ref('stg_regions') }}
),

unique_region_names as (
    select region_name, min(region_code) as region_code
    from regions
    group by region_name
    having count(*) = 1
),

document_plans as (
    select * from {{ ref('int_document_plans') }}
)

select
    f.fact_id,
    f.doc_id,
    dp.plan_id,
    f.source_file,
    f.ordinal,
    f.role,
    f.indicator_name,
    f.indicator_key,
    coalesce(fm.canonical_indicator_id, 'unreviewed__' || f.indicator_key) as canonical_indicator_id,
    fm.canonical_indicator_id is null                                     as needs_review,
    coalesce(i.name_zh, f.indicator_key)                                 as canonical_indicator_name,
    i.category                                                            as indicator_category,
    i.polarity,
    i.default_measure,
    coalesce(f.region_code, urn.region_code)                              as region_code,
    case
        when f.region_code is not null then 'extracted'
        when urn.region_code is not null then 'name_lookup'
    end                                                                   as region_code_source,
    coalesce(f.region_name, r.region_name)                                as region_name,
    r.level                                                               as region_level,
    f.value,
    f.value_high,
    f.unit,
    u.quantity_kind,
    u.base_unit,
    u.multiplier,
    f.value * u.multiplier                                                as value_base,
    f.value_high * u.multiplier                                           as value_high_base,
    f.comparator,
    f.is_aspirational,
    f.kind,
    case f.kind when 'rate' then 'growth_rate' else f.kind end            as measure,
    f.per_year,
    f.year,
    f.period_start_year,
    f.year_inferred,
    f.baseline_value,
    f.baseline_year,
    f.baseline_value * u.multiplier                                       as baseline_value_base,
    f.attribute,
    f.quote,
    f.char_start,
    f.char_end,
    f.page_number,
    f.source_text,
    f.sentence_start,
    f.extractor_version
from facts as f
left join document_plans as dp on dp.doc_id = f.doc_id
left join units as u on u.unit = f.unit
left join forms as fm on fm.indicator_key = f.indicator_key
left join indicators as i on i.canonical_indicator_id = fm.canonical_indicator_id
left join unique_region_names as urn
    on f.region_code is null and urn.region_name = f.region_name
left join regions as r on r.region_code = coalesce(f.region_code, urn.region_code)
