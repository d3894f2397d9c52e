-- The normalised text of each accepted document: the text every fact's char_start / char_end
-- point into, so provenance (the report site, a BI drill-through) needs only the published file.
-- A view here (the text is already in raw.documents); publishing copies it as a plain table.
{{ config(materialized='view') }}

select
    doc_id,
    source_file,
    length(text) as text_length,
    text
from {{ ref('stg_documents') }}
