-- One row per rejected file; renames and casts only.
select
    cast(source_file as varchar)   as source_file,
    cast(content_hash as varchar)  as content_hash,
    cast(byte_size as bigint)      as byte_size,
    cast(reason_code as varchar)   as reason_code,
    cast(reason as varchar)        as reason,
    cast(rejected_at as timestamp) as rejected_at
from {{ source('raw', 'rejected_documents') }}
