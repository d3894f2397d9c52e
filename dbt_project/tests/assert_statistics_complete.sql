-- Every statistics row is kept, and exactly one row per key is preferred.
select region_code, canonical_indicator_id, year, measure, count(*) filter (where is_preferred) as n_preferred
from {{ ref('fct_statistics') }}
group by all
having count(*) filter (where is_preferred) <> 1
union all
select null, 'row count mismatch', null, null, null
where (select count(*) from {{ source('raw', 'statistics') }}) <> (select count(*) from {{ ref('fct_statistics') }})
