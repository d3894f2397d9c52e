-- Facts naming a region that has no code (neither extracted nor found by a unique name in
-- the hierarchy), and codes that the hierarchy does not contain. The facts are kept.
select
    f.fact_id,
    f.doc_id,
    f.region_name,
    f.region_code,
    case
        when f.region_code is null then 'no_code_for_name'
        else 'code_not_in_hierarchy'
    end as problem,
    f.indicator_name,
    f.quote
from {{ ref('int_facts_enriched') }} as f
where (f.region_code is null and f.region_name is not null)
   or (f.region_code is not null and f.region_level is null)
