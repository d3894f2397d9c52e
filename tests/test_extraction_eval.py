"""The extraction library on the evaluation sets of eval/ (real texts of seven provinces, annotated
to the GUIDE): every set keeps fact F1 and field accuracy above a floor just below what the library
reaches, so a rule that helps one text and hurts the others fails here. Scored in-process by the
shared scorer (../shared/tools/score_targets.py), a second or two per set."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from score_extraction import DEFAULT_SCORER, score_folder  # noqa: E402

# (set, F1 floor, field-accuracy floor): measured minus about 0.01
FLOORS = [("set1", 0.93, 0.96), ("set2", 0.96, 0.96), ("set3", 0.945, 0.95), ("set4", 0.94, 0.96),
          ("set5", 0.94, 0.96), ("set6", 0.94, 0.96), ("set7", 0.895, 0.935), ("set8", 0.90, 0.955),
          ("set9", 0.88, 0.925), ("set10", 0.935, 0.955), ("set11", 0.825, 0.955), ("set12", 0.895, 0.93),
          ("set13", 0.88, 0.935), ("set14", 0.89, 0.955), ("set15", 0.885, 0.94), ("set16", 0.905, 0.925),
          ("set17", 0.835, 0.94), ("set18", 0.925, 0.955)]


@pytest.mark.skipif(not DEFAULT_SCORER.is_file(), reason="../shared/tools/score_targets.py is not beside this clone")
@pytest.mark.parametrize("name, f1_floor, field_floor", FLOORS)
def test_every_evaluation_set_stays_above_its_floor(name, f1_floor, field_floor):
    folder = ROOT / "eval" / name
    report = score_folder(folder / "documents", folder / "gold")
    assert report["facts"]["f1"] >= f1_floor, report["facts"]
    assert report["field_accuracy"] >= field_floor, report["fields"]


SEEDS = ROOT.parent / "shared" / "seeds"
SEED_GOLD = ROOT.parent / "shared" / "gold" / "seeds"


@pytest.mark.skipif(not (SEEDS.is_dir() and SEED_GOLD.is_dir() and DEFAULT_SCORER.is_file()),
                    reason="../shared/seeds and its gold are not beside this clone")
def test_the_seed_documents_stay_read_in_full():
    """The five documents the project started from, read by the library alone: a rule added for
    other texts must not cost a seed fact (the end-to-end build checks the same through the warehouse)."""
    report = score_folder(SEEDS, SEED_GOLD)
    assert report["facts"]["f1"] >= 0.99, report["facts"]
    assert report["field_accuracy"] >= 0.99, report["fields"]
