-- One row per plan. Attributes come from the most authoritative document describing it:
-- government_document, then plan_text, then news; earlier publication first.
with documents as (
    select d.*, dp.plan_id, dp.plan_title_normalized
    from {{ ref('stg_documents') }} as d
    join {{ ref('int_document_plans') }} as dp using (doc_id)
),

ranked as (
    select
        *,
        row_number() over (
            partition by plan_id
            order by
                case doc_kind when 'government_document' then 0 when 'plan_text' then 1 else 2 end,
                published_date nulls last,
                doc_id
        ) as authority_rank
    from documents
),

aggregated as (
    select
        plan_id,
        count(*)                                                     as n_documents,
        string_agg(doc_id, ',' order by published_date nulls last, doc_id) as doc_ids,
        min(published_date)                                          as first_published_date,
        max(published_date)                                          as last_published_date,
        min(period_start_year)                                       as min_period_start_year,
        max(period_end_year)                                         as max_period_end_year,
        max(issuer)                                                  as any_issuer,
        max(doc_number)                                              as any_doc_number
    from documents
    group by plan_id
)

select
    r.plan_id,
    -- the title as the most authoritative document writes it, without book-title marks
    coalesce(regexp_replace(r.plan_title, '^《(.*)》$', '\1'), r.plan_title) as plan_title,
    r.plan_title_normalized,
    r.region_code,
    r.region_name,
    coalesce(r.issuer, a.any_issuer)                 as issuer,
    coalesce(r.doc_number, a.any_doc_number)         as doc_number,
    coalesce(r.period_start_year, a.min_period_start_year) as period_start_year,
    coalesce(r.period_end_year, a.max_period_end_year)     as period_end_year,
    a.first_published_date,
    a.last_published_date,
    a.n_documents,
    a.doc_ids,
    r.doc_id                                          as primary_doc_id
from ranked as r
join aggregated as a using (plan_id)
where r.authority_rank = 1
