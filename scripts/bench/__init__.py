"""The benchmark of issue #12, one module per measured scenario (`make bench`).

    measure.py      how a command is timed: wall, CPU, peak memory of its process tree, steps, load
    corpus.py       the synthetic corpus (../shared/tools/make_corpus.py), made once, reused
    baselines.py    the same work by the bare tools: dbt build alone, extraction alone
    seeds.py        seeds warm (nothing built), nothing changed
    large.py        10,000 documents empty → published, peak memory
    incremental.py  one document added / changed / removed, and incremental = full rebuild
    fresh_clone.py  git clone + make run, set-up included
    goals.py        the goals and the table's rows; report.py the Markdown table

A new scenario is a module with `run(...) -> list[Row]`, called from __main__.py.
`scripts/bench_site.py` uses the corpus and sampling helpers re-exported here.
"""
from .corpus import DEFAULT_MAKE_CORPUS, corpus_files, ensure_corpus  # noqa: F401
from .measure import TreeSampler, load, make_raw_dir  # noqa: F401
