-- Documents with their plan, content hash, text length and fact counts.
with facts as (
    select
        doc_id,
        count(*)                                  as n_facts,
        count(*) filter (where role = 'target')   as n_targets,
        count(*) filter (where role = 'observation') as n_observations
    from {{ ref('stg_facts') }}
    group by doc_id
)

select
    d.doc_id,
    dp.plan_id,
    d.source_file,
    d.content_hash,
    d.byte_size,
    d.encoding,
    d.format,
    length(d.text)                             as text_length,
    d.doc_kind,
    d.plan_title,
    d.region_code,
    coalesce(d.region_name, r.region_name)     as region_name,
    d.issuer,
    d.doc_number,
    d.published_date,
    d.published_date_inferred,
    d.written_date,
    d.period_start_year,
    d.period_end_year,
    d.outlet,
    d.ingested_at,
    coalesce(f.n_facts, 0)                     as n_facts,
    coalesce(f.n_targets, 0)                   as n_targets,
    coalesce(f.n_observations, 0)              as n_observations
from {{ ref('stg_documents') }} as d
join {{ ref('int_document_plans') }} as dp using (doc_id)
left join {{ ref('stg_regions') }} as r on r.region_code = d.region_code
left join facts as f on f.doc_id = d.doc_id
