-- Every fact's span points at its quote in the published document text, so provenance (the
-- report site's highlighted span, a BI drill-through) shows exactly the words the fact came from.
-- Warns (the facts stay published): a mismatch is an extractor defect to fix, not bad data.
{{ config(severity = 'warn') }}
select f.fact_id, f.quote, substring(t.text, f.char_start + 1, f.char_end - f.char_start) as text_at_span
from {{ ref('plan_facts') }} as f
left join {{ ref('document_texts') }} as t using (doc_id)
where t.doc_id is null
   or f.char_start is null or f.char_end is null
   or substring(t.text, f.char_start + 1, f.char_end - f.char_start) is distinct from f.quote
