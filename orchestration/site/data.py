"""Everything the report site shows, read from the published warehouse (read-only).

Only the published file's `marts` and `audit` schemas are read, so the site describes exactly
what analysts and BI tools see. Each function answers one page's question with a few SQL
queries and returns plain dicts; no function loads every fact at once (document pages are
read in batches, region and indicator pages one at a time), which keeps memory flat at
10,000 documents.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import duckdb


def rows(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> list[dict]:
    result = con.execute(sql, params or [])
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?",
                            [schema, table]).fetchone()[0])


# ---- overview -------------------------------------------------------------------------------

def latest_run(con) -> dict:
    """The run that published this file (it is recorded in audit.runs before the copy)."""
    found = rows(con, "SELECT * FROM audit.runs ORDER BY published DESC, finished_at DESC LIMIT 1") \
        if has_table(con, "audit", "runs") else []
    return found[0] if found else {}


def checks(con, run_id: str) -> list[dict]:
    if not has_table(con, "audit", "check_results"):
        return []
    return rows(con, "SELECT suite, check_name, severity, scope, passed, evaluated, failing, description, error "
                     "FROM audit.check_results WHERE run_id = ? ORDER BY passed, severity, suite, check_name",
                [run_id])


def coverage(con) -> dict:
    count = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": count("SELECT count(*) FROM marts.documents"),
        "plans": count("SELECT count(*) FROM marts.dim_plans"),
        "documents_by_kind": rows(con, "SELECT doc_kind, count(*) AS n FROM marts.documents "
                                       "GROUP BY 1 ORDER BY 2 DESC"),
        "facts_by_role_and_category": rows(
            con, "SELECT role, coalesce(indicator_category, '(not yet reviewed)') AS category, count(*) AS n "
                 "FROM marts.plan_facts GROUP BY ALL ORDER BY role DESC, n DESC, category"),
        "facts_published": count("SELECT count(*) FROM marts.plan_facts"),
        "facts_quarantined": count("SELECT count(*) FROM marts.quarantined_facts"),
        "statistics": count("SELECT count(*) FROM marts.fct_statistics"),
    }


def regions(con) -> list[dict]:
    """Every region a document or a fact is about, with its counts (one page each)."""
    return rows(con, """
        WITH f AS (
            SELECT region_code, count(*) FILTER (WHERE role = 'target') AS n_targets,
                   count(*) FILTER (WHERE role = 'observation') AS n_observations
            FROM marts.plan_facts WHERE region_code IS NOT NULL GROUP BY 1),
        d AS (SELECT region_code, count(*) AS n_documents FROM marts.documents
              WHERE region_code IS NOT NULL GROUP BY 1),
        k AS (SELECT region_code FROM f UNION SELECT region_code FROM d)
        SELECT k.region_code, coalesce(r.region_name, k.region_code) AS region_name, r.level, r.province_name,
               coalesce(d.n_documents, 0) AS n_documents, coalesce(f.n_targets, 0) AS n_targets,
               coalesce(f.n_observations, 0) AS n_observations
        FROM k LEFT JOIN marts.dim_regions r USING (region_code)
        LEFT JOIN f USING (region_code) LEFT JOIN d USING (region_code)
        ORDER BY k.region_code""")


def indicators(con) -> list[dict]:
    """Every canonical indicator that a fact or an official statistic uses (one page each)."""
    return rows(con, """
        WITH used AS (
            SELECT canonical_indicator_id, region_code, 'fact' AS source FROM marts.plan_facts
            UNION ALL
            SELECT canonical_indicator_id, region_code, 'statistic' FROM marts.fct_statistics)
        SELECT u.canonical_indicator_id, coalesce(i.name_zh, u.canonical_indicator_id) AS name_zh, i.name_en,
               i.category, coalesce(i.needs_review, true) AS needs_review,
               count(DISTINCT u.region_code) AS n_regions,
               count(*) FILTER (WHERE source = 'fact') AS n_facts,
               count(*) FILTER (WHERE source = 'statistic') AS n_statistics
        FROM used u LEFT JOIN marts.dim_indicators i USING (canonical_indicator_id)
        WHERE u.canonical_indicator_id IS NOT NULL
        GROUP BY ALL ORDER BY needs_review, i.category NULLS LAST, name_zh""")


def rejected_documents(con, limit: int) -> tuple[int, list[dict]]:
    total = con.execute("SELECT count(*) FROM marts.dim_rejected_documents").fetchone()[0]
    return total, rows(con, "SELECT source_file, reason_code, reason, byte_size FROM marts.dim_rejected_documents "
                            "ORDER BY reason_code, source_file LIMIT ?", [limit])


def quarantine(con, limit: int) -> tuple[list[dict], list[dict]]:
    """(facts held back per reason, the first `limit` quarantined facts)."""
    by_reason = rows(con, "SELECT reasons, count(*) AS n FROM marts.quarantined_facts GROUP BY 1 ORDER BY 2 DESC")
    sample = rows(con, "SELECT fact_id, doc_id, source_file, indicator_name, value, unit, year, quote, reasons "
                       "FROM marts.quarantined_facts ORDER BY source_file, fact_id LIMIT ?", [limit])
    return by_reason, sample


def documents_index(con) -> list[dict]:
    return rows(con, "SELECT d.doc_id, d.source_file, d.doc_kind, d.plan_title, d.region_code, d.region_name, "
                     "d.published_date, coalesce(dd.n_facts, 0) AS n_facts "
                     "FROM marts.documents d LEFT JOIN marts.dim_documents dd USING (doc_id) "
                     "ORDER BY d.region_code NULLS LAST, d.published_date NULLS LAST, d.source_file")


# ---- region pages ---------------------------------------------------------------------------

def region(con, region_code: str) -> dict:
    found = rows(con, "SELECT * FROM marts.dim_regions WHERE region_code = ?", [region_code])
    return found[0] if found else {"region_code": region_code, "region_name": region_code}


def region_targets(con, region_code: str) -> list[dict]:
    """Each target once per plan, with its progress verdict and the facts that state it."""
    return rows(con, """
        SELECT t.*, p.baseline_year AS baseline_year_resolved, p.baseline_value_base AS baseline_value_base_resolved,
               p.baseline_source, p.actual_year, p.actual_value_base, p.on_track, p.on_track_basis, p.target_met,
               i.needs_review
        FROM marts.fct_plan_targets t
        LEFT JOIN marts.target_progress p USING (target_id)
        LEFT JOIN marts.dim_indicators i ON i.canonical_indicator_id = t.canonical_indicator_id
        WHERE t.region_code = ?
        ORDER BY t.indicator_category NULLS LAST, t.canonical_indicator_name, t.indicator_name, t.year,
                 t.value_base, t.is_aspirational, t.target_id""", [region_code])


def region_observations(con, region_code: str) -> list[dict]:
    """Achieved values the plans state for this region (their provenance is a document)."""
    return rows(con, """
        SELECT o.fact_id, o.doc_id, o.indicator_name, o.canonical_indicator_id, o.year, o.value, o.unit,
               o.value_base, o.base_unit, o.measure, o.bound, o.quote
        FROM marts.fct_observations o
        WHERE o.source = 'plan' AND o.region_code = ?
        ORDER BY o.canonical_indicator_id, o.year, o.fact_id""", [region_code])


def region_statistics(con, region_code: str) -> dict[tuple, list[dict]]:
    """Preferred official figures for the region, keyed by (indicator, measure, base unit)."""
    out: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows(con, """
            SELECT canonical_indicator_id, measure, base_unit, year, value, unit, value_base, source_title
            FROM marts.fct_statistics
            WHERE is_preferred AND region_code = ? AND value_base IS NOT NULL
            ORDER BY year""", [region_code]):
        out[(r["canonical_indicator_id"], r["measure"], r["base_unit"])].append(r)
    return out


def region_documents(con, region_code: str) -> list[dict]:
    """Documents about the region, and documents with facts about it."""
    return rows(con, """
        SELECT d.doc_id, d.source_file, d.doc_kind, d.plan_title, d.published_date, d.region_code
        FROM marts.documents d
        WHERE d.region_code = $code
           OR d.doc_id IN (SELECT doc_id FROM marts.plan_facts WHERE region_code = $code)
        ORDER BY d.published_date NULLS LAST, d.source_file""", {"code": region_code})


# ---- indicator pages ------------------------------------------------------------------------
# Thousands of indicators (most of them not yet reviewed) at 10,000 documents: their rows are
# read in one ordered pass each, not one query per page.

def indicator_details(con) -> dict[str, dict]:
    return {r["canonical_indicator_id"]: r for r in rows(con, "SELECT * FROM marts.dim_indicators")}


def comparisons_by_indicator(con) -> dict[str, list[dict]]:
    """marts.region_comparison (one row per indicator, region, year, measure, unit), by indicator."""
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows(con, """
            SELECT canonical_indicator_id, region_code, region_name, region_level, year, measure, base_unit,
                   n_targets, target_value_base_min, target_value_base_max, stretch_target_value_base,
                   actual_value_base, actual_source_quality, n_plan_observations,
                   plan_observation_value_base_min, plan_observation_value_base_max
            FROM marts.region_comparison WHERE canonical_indicator_id IS NOT NULL
            ORDER BY canonical_indicator_id, measure, base_unit, region_code, year"""):
        out[r["canonical_indicator_id"]].append(r)
    return out


def targets_by_indicator(con, limit: int) -> Iterator[tuple[str, list[dict], int]]:
    """(indicator, its first `limit` targets by region and year, how many it has), in id order."""
    cursor = con.execute("""
        SELECT t.canonical_indicator_id, t.target_id, t.region_code, t.region_name, t.indicator_name, t.year,
               t.value, t.unit, t.value_base, t.base_unit, t.measure, t.comparator, t.is_aspirational, t.plan_title,
               t.primary_fact_id, t.primary_doc_id, p.on_track, p.on_track_basis,
               count(*) OVER (PARTITION BY t.canonical_indicator_id) AS n_targets
        FROM marts.fct_plan_targets t LEFT JOIN marts.target_progress p USING (target_id)
        WHERE t.canonical_indicator_id IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY t.canonical_indicator_id
                                   ORDER BY t.region_code, t.year, t.value_base, t.target_id) <= $limit
        ORDER BY t.canonical_indicator_id, t.region_code, t.year, t.value_base, t.target_id""", {"limit": limit})
    columns = [d[0] for d in cursor.description]
    key, group = None, []
    while batch := cursor.fetchmany(10_000):
        for values in batch:
            r = dict(zip(columns, values))
            if r["canonical_indicator_id"] != key:
                if group:
                    yield key, group, group[0]["n_targets"]
                key, group = r["canonical_indicator_id"], []
            group.append(r)
    if group:
        yield key, group, group[0]["n_targets"]


# ---- document pages -------------------------------------------------------------------------

def document_ids(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT doc_id FROM marts.documents ORDER BY doc_id").fetchall()]


FACT_COLUMNS = ("fact_id, doc_id, role, indicator_name, canonical_indicator_id, canonical_indicator_name, "
                "region_code, region_name, value, value_high, unit, value_base, base_unit, comparator, "
                "is_aspirational, kind, per_year, year, baseline_value, baseline_year, attribute, quote, "
                "char_start, char_end")


def documents_batch(con, doc_ids: list[str]) -> Iterator[dict]:
    """Documents with their text, published facts and quarantined facts, a batch at a time."""
    texts = ("LEFT JOIN marts.document_texts t USING (doc_id) " if has_table(con, "marts", "document_texts")
             else "LEFT JOIN (SELECT NULL::VARCHAR AS doc_id, NULL::VARCHAR AS text) t USING (doc_id) ")
    docs = rows(con, "SELECT d.*, t.text, dd.n_facts FROM marts.documents d " + texts +
                     "LEFT JOIN marts.dim_documents dd USING (doc_id) "
                     "WHERE d.doc_id IN (SELECT unnest($ids)) ORDER BY d.doc_id", {"ids": doc_ids})
    facts: dict[str, list[dict]] = defaultdict(list)
    for f in rows(con, f"SELECT {FACT_COLUMNS}, NULL AS reasons FROM marts.plan_facts "
                       "WHERE doc_id IN (SELECT unnest($ids)) "
                       f"UNION ALL SELECT {FACT_COLUMNS}, reasons FROM marts.quarantined_facts "
                       "WHERE doc_id IN (SELECT unnest($ids)) ORDER BY doc_id, char_start NULLS LAST, fact_id",
                  {"ids": doc_ids}):
        facts[f["doc_id"]].append(f)
    for d in docs:
        d["facts"] = facts.get(d["doc_id"], [])
        yield d
