-- No fact is dropped between the landing table and the contract.
select 'raw.facts' as side, count(*) as n from {{ source('raw', 'facts') }}
having count(*) <> (select count(*) from {{ ref('plan_facts') }})
