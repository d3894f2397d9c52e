-- Which plan each accepted document describes. Several documents (the notice, the plan
-- text, news reports) can describe one plan: plan_id hashes the normalised title (without
-- 《》, quotes and whitespace) together with the region code. A document without a title
-- forms a plan of its own.
with documents as (
    select * from {{ ref('stg_documents') }}
),

keyed as (
    select
        doc_id,
        plan_title,
        region_code,
        nullif({{ normalize_title('plan_title') }}, '') as plan_title_normalized
    from documents
)

select
    doc_id,
    case
        when plan_title_normalized is null then {{ short_hash(["'untitled'", 'doc_id']) }}
        else {{ short_hash(['plan_title_normalized', 'region_code']) }}
    end as plan_id,
    plan_title,
    plan_title_normalized
from keyed
