-- One row per accepted document; renames and casts only.
select
    cast(doc_id as varchar)                          as doc_id,
    cast(source_file as varchar)                     as source_file,
    cast(content_hash as varchar)                    as content_hash,
    cast(byte_size as bigint)                        as byte_size,
    cast(encoding as varchar)                        as encoding,
    cast(format as varchar)                          as format,
    cast(text as varchar)                            as text,
    cast(doc_kind as varchar)                        as doc_kind,
    nullif(trim(cast(plan_title as varchar)), '')    as plan_title,
    nullif(trim(cast(region_name as varchar)), '')   as region_name,
    nullif(trim(cast(region_code as varchar)), '')   as region_code,
    nullif(trim(cast(issuer as varchar)), '')        as issuer,
    nullif(trim(cast(doc_number as varchar)), '')    as doc_number,
    cast(published_date as date)                     as published_date,
    coalesce(cast(published_date_inferred as boolean), false) as published_date_inferred,
    cast(written_date as date)                       as written_date,
    cast(period_start_year as integer)               as period_start_year,
    cast(period_end_year as integer)                 as period_end_year,
    nullif(trim(cast(outlet as varchar)), '')        as outlet,
    cast(ingested_at as timestamp)                   as ingested_at
from {{ source('raw', 'documents') }}
