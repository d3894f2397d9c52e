-- Analysts' contract: one row per accepted document (enforced contract, see documents.yml).
select
    d.doc_id,
    dp.plan_id,
    d.source_file,
    d.doc_kind,
    d.plan_title,
    d.region_code,
    coalesce(d.region_name, r.region_name) as region_name,
    d.issuer,
    d.doc_number,
    d.published_date,
    d.written_date,
    d.period_start_year,
    d.period_end_year,
    d.outlet,
    d.encoding,
    d.format,
    d.byte_size
from {{ ref('stg_documents') }} as d
join {{ ref('int_document_plans') }} as dp using (doc_id)
left join {{ ref('stg_regions') }} as r on r.region_code = d.region_code
