"""Dagster assets, grouped by domain: ingest, reference, warehouse (dbt), serve."""
