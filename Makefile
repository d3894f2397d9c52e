# Two commands on a fresh machine (Python 3.11 + PyPI):  make run   ·   make test
# uv is bootstrapped into .uv/ with pip, then installs the locked stack into .venv/.

PY_BOOT  ?= python3
UV       := .uv/bin/uv
VENV     := .venv
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

RAW       ?= raw
WAREHOUSE ?= warehouse/plans.duckdb

.PHONY: setup run test bench bench-small score score-eval docs dev clean

$(UV):
	$(PY_BOOT) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --quiet
	touch $@

setup: $(VENV)/.synced  ## create .venv with the locked dependencies

run: setup  ## build and publish warehouse/plans.duckdb (and its report site warehouse/site/) from raw/
	$(VENV)/bin/plans build --raw $(RAW) --warehouse $(WAREHOUSE)

test: setup  ## unit tests, dbt tests, expectation tests and the end-to-end build scored against gold
	$(VENV)/bin/python -m pytest -q

score: setup  ## score the published warehouse against the seed gold
	$(VENV)/bin/python ../shared/tools/score_targets.py --warehouse $(WAREHOUSE) --gold ../shared/gold/seeds --show-errors 20

score-eval: setup  ## score the extraction library on the dev set and every evaluation set in eval/ (facts, then metadata per field)
	$(VENV)/bin/python scripts/score_eval.py --metadata

bench: setup  ## the goals of issue #12 (scripts/bench/): writes and prints bench/RESULTS.md; then bench/READERS.md and bench/SITE.md
	PYTHONPATH=scripts $(VENV)/bin/python -m bench
	$(VENV)/bin/python scripts/bench_readers.py
	$(VENV)/bin/python scripts/bench_site.py

bench-small: setup  ## the benchmark at a small size (keeps it working in CI)
	PYTHONPATH=scripts $(VENV)/bin/python -m bench --size 200 --only seeds large incremental --out bench/out/RESULTS-small.md
	$(VENV)/bin/python scripts/bench_readers.py --sections 4 --rounds 1
	$(VENV)/bin/python scripts/bench_site.py --size 200

docs: setup  ## dbt docs (catalog with column descriptions) into dbt_project/target/
	PLANS_BUILD_DB=$(abspath $(basename $(WAREHOUSE)).build.duckdb) $(VENV)/bin/dbt docs generate --project-dir dbt_project --profiles-dir dbt_project

dev: setup  ## the Dagster UI on http://127.0.0.1:3000 (asset graph, checks, schedule, sensor)
	mkdir -p .dagster_home && DAGSTER_HOME=$(CURDIR)/.dagster_home $(VENV)/bin/dagster dev -m orchestration.definitions

clean:
	rm -rf $(VENV) .uv warehouse/*.duckdb warehouse/reports warehouse/site dbt_project/target dbt_project/logs
