-- The administrative hierarchy; casts only.
select
    cast(region_code as varchar)                   as region_code,
    cast(region_name as varchar)                   as region_name,
    nullif(trim(cast(short_name as varchar)), '')  as short_name,
    cast(level as varchar)                         as level,
    nullif(trim(cast(parent_code as varchar)), '') as parent_code,
    nullif(trim(cast(province_code as varchar)), '') as province_code
from {{ source('raw', 'regions') }}
