-- Analysts' contract: one row per accepted document (enforced contract, see _contracts.yml).
-- The columns of dim_documents that the contract promises, nothing computed twice.
select
    doc_id,
    plan_id,
    source_file,
    doc_kind,
    plan_title,
    region_code,
    region_name,
    issuer,
    doc_number,
    published_date,
    published_date_inferred,
    written_date,
    period_start_year,
    period_end_year,
    outlet,
    encoding,
    format,
    byte_size
from {{ ref('dim_documents') }}
