-- Official statistics, one row per CSV row; casts, empty revision spelled 'unknown',
-- the normalised indicator key and a stable statistic_id (source file + row number).
select
    {{ short_hash(['source_file', 'row_number']) }}                as statistic_id,
    cast(source_file as varchar)                                    as source_file,
    cast(row_number as integer)                                     as row_number,
    nullif(trim(cast(region_name as varchar)), '')                  as region_name,
    nullif(trim(cast(region_code as varchar)), '')                  as region_code,
    cast(indicator as varchar)                                      as indicator,
    {{ normalize_indicator('cast(indicator as varchar)') }}         as indicator_key,
    cast(year as integer)                                           as year,
    cast(value as double)                                           as value,
    trim(coalesce(cast(unit as varchar), ''))                       as unit,
    nullif(trim(cast(measure as varchar)), '')                      as measure,
    nullif(trim(cast(bound as varchar)), '')                        as bound,
    coalesce(nullif(trim(cast(revision as varchar)), ''), 'unknown') as revision,
    nullif(trim(cast(source_quality as varchar)), '')               as source_quality,
    cast(scope_note as varchar)                                     as scope_note,
    cast(source_title as varchar)                                   as source_title,
    cast(source_url as varchar)                                     as source_url,
    cast(quote as varchar)                                          as quote
from {{ source('raw', 'statistics') }}
