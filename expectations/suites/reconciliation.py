"""Reconciliation suite: nothing is lost or duplicated between the landing tables and the marts.

All checks are table-level errors: a failure blocks publishing.
"""
from __future__ import annotations

from expectations.spec import Check, Frame, Suite, column_is

RAW_FACTS = Frame(
    name="raw_facts",
    table="raw.facts",
    key="fact_id",
    id_columns=("doc_id", "source_file", "indicator_name", "quote"),
    sql="""
        SELECT r.fact_id, r.doc_id, r.source_file, r.indicator_name, r.quote,
               m.fact_id IS NOT NULL AS in_marts
        FROM raw.facts AS r
        LEFT JOIN (SELECT DISTINCT fact_id FROM marts.plan_facts) AS m USING (fact_id)
        ORDER BY r.fact_id
    """,
)

RAW_DOCUMENTS = Frame(
    name="raw_documents",
    table="raw.documents",
    key="doc_id",
    id_columns=("source_file",),
    sql="""
        SELECT r.doc_id, r.source_file,
               m.doc_id IS NOT NULL AS in_marts,
               rj.source_file IS NOT NULL AS also_rejected
        FROM raw.documents AS r
        LEFT JOIN (SELECT DISTINCT doc_id FROM marts.documents) AS m USING (doc_id)
        LEFT JOIN (SELECT DISTINCT source_file FROM raw.rejected_documents) AS rj USING (source_file)
        ORDER BY r.doc_id
    """,
)

MART_FACTS = Frame(
    name="mart_facts",
    table="marts.plan_facts",
    key="fact_id",
    id_columns=("doc_id", "source_file", "indicator_name"),
    sql="""
        SELECT f.fact_id, f.doc_id, f.source_file, f.indicator_name,
               d.doc_id IS NOT NULL AS document_in_marts,
               r.fact_id IS NOT NULL AS in_raw
        FROM marts.plan_facts AS f
        LEFT JOIN (SELECT DISTINCT doc_id FROM marts.documents) AS d USING (doc_id)
        LEFT JOIN (SELECT DISTINCT fact_id FROM raw.facts) AS r USING (fact_id)
        ORDER BY f.fact_id
    """,
)

COUNTS = Frame(
    name="counts",
    table="(counts)",
    key="pair",
    sql="""
        SELECT 'raw.facts → marts.plan_facts' AS pair,
               (SELECT count(*) FROM raw.facts) AS raw_rows,
               (SELECT count(*) FROM marts.plan_facts) AS mart_rows
        UNION ALL
        SELECT 'raw.documents → marts.documents',
               (SELECT count(*) FROM raw.documents),
               (SELECT count(*) FROM marts.documents)
    """,
)

SUITE = Suite(
    name="reconciliation",
    description="Every landed fact and document reaches the marts, once.",
    frames=(RAW_FACTS, RAW_DOCUMENTS, MART_FACTS, COUNTS),
    checks=(
        Check(
            name="raw_facts_in_marts",
            severity="error",
            scope="table",
            frame="raw_facts",
            description="Every raw.facts row is in marts.plan_facts (by fact_id): nothing lost.",
            reason="raw fact {fact_id} ({source_file}: {indicator_name}) is missing from marts.plan_facts",
            columns=("in_marts",),
            expect=column_is("in_marts", True),
        ),
        Check(
            name="raw_documents_in_marts",
            severity="error",
            scope="table",
            frame="raw_documents",
            description="Every raw.documents row is in marts.documents (by doc_id).",
            reason="raw document {doc_id} ({source_file}) is missing from marts.documents",
            columns=("in_marts",),
            expect=column_is("in_marts", True),
        ),
        Check(
            name="document_not_also_rejected",
            severity="warn",
            scope="table",
            frame="raw_documents",
            description="No source_file is both accepted (raw.documents) and rejected (raw.rejected_documents).",
            reason="{source_file} is both an accepted document and a rejected file",
            columns=("also_rejected",),
            expect=column_is("also_rejected", False),
        ),
        Check(
            name="plan_facts_unique",
            severity="error",
            scope="table",
            frame="mart_facts",
            description="fact_id is unique in marts.plan_facts (no fan-out in a join).",
            reason="fact_id {fact_id} occurs more than once in marts.plan_facts",
            expect=lambda E, C: E.ExpectColumnValuesToBeUnique(column="fact_id"),
        ),
        Check(
            name="plan_facts_from_raw",
            severity="error",
            scope="table",
            frame="mart_facts",
            description="Every marts.plan_facts row comes from a raw.facts row (nothing invented).",
            reason="mart fact {fact_id} has no raw.facts row",
            columns=("in_raw",),
            expect=column_is("in_raw", True),
        ),
        Check(
            name="plan_facts_reference_documents",
            severity="error",
            scope="table",
            frame="mart_facts",
            description="Every marts.plan_facts row's doc_id is in marts.documents.",
            reason="fact {fact_id} points to doc_id {doc_id}, which is not in marts.documents",
            columns=("document_in_marts",),
            expect=column_is("document_in_marts", True),
        ),
        Check(
            name="counts_reconcile",
            severity="error",
            scope="table",
            frame="counts",
            description="Row counts of raw.facts/marts.plan_facts and raw.documents/marts.documents are equal.",
            reason="{pair}: {raw_rows} landed rows but {mart_rows} mart rows",
            columns=("raw_rows", "mart_rows"),
            expect=lambda E, C: E.ExpectColumnPairValuesToBeEqual(column_A="raw_rows", column_B="mart_rows"),
        ),
    ),
)
