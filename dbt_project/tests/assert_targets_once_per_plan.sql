-- Every target fact is represented in fct_plan_targets (restatements merged, none lost).
select f.fact_id
from {{ ref('plan_facts') }} as f
where f.role = 'target'
  and not exists (
      select 1 from {{ ref('fct_plan_targets') }} as t
      where list_contains(string_split(t.fact_ids, ','), f.fact_id)
  )
