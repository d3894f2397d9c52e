-- Every statistics row is kept, and exactly one row per key is preferred: every CSV row and
-- every observation of a bulletin or work report is in fct_statistics, once.
select region_code, canonical_indicator_id, year, measure, count(*) filter (where is_preferred) as n_preferred
from {{ ref('fct_statistics') }}
group by all
having count(*) filter (where is_preferred) <> 1
union all
select null, 'row count mismatch', null, null, null
where (select count(*) from {{ source('raw', 'statistics') }})
      + (select count(*) from {{ ref('int_document_statistics') }})
      <> (select count(*) from {{ ref('fct_statistics') }})
union all
select null, 'document observation missing: ' || f.fact_id, null, null, null
from {{ ref('int_facts_enriched') }} as f
join {{ ref('stg_documents') }} as d using (doc_id)
where f.role = 'observation' and f.year is not null and f.value is not null
  and (d.doc_kind = 'statistical_bulletin' or coalesce(d.plan_title, '') like '%政府工作报告%')
  and f.fact_id not in (select fact_id from {{ ref('fct_statistics') }} where fact_id is not null)
