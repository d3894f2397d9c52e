-- One row per plan (several documents may describe it).
select
    p.plan_id,
    p.plan_title,
    p.plan_title_normalized,
    p.region_code,
    coalesce(p.region_name, r.region_name) as region_name,
    p.issuer,
    p.doc_number,
    p.period_start_year,
    p.period_end_year,
    p.first_published_date,
    p.last_published_date,
    p.n_documents,
    p.doc_ids,
    p.primary_doc_id
from {{ ref('int_plans') }} as p
left join {{ ref('stg_regions') }} as r on r.region_code = p.region_code
