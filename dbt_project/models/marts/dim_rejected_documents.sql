-- Files that could not become documents, and why (never silently dropped).
select * from {{ ref('stg_rejected_documents') }}
