-- The whole administrative hierarchy with parent and province names.
select
    r.region_code,
    r.region_name,
    r.short_name,
    r.level,
    r.parent_code,
    p.region_name  as parent_name,
    r.province_code,
    pr.region_name as province_name
from {{ ref('stg_regions') }} as r
left join {{ ref('stg_regions') }} as p on p.region_code = r.parent_code
left join {{ ref('stg_regions') }} as pr on pr.region_code = r.province_code
