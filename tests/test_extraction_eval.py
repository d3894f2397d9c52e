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
          ("set5", 0.94, 0.96), ("set6", 0.94, 0.96), ("set7", 0.895, 0.935), ("set8", 0.90, 0.955)]


@pytest.mark.skipif(not DEFAULT_SCORER.is_file(), reason="../shared/tools/score_targets.py is not beside this clone")
@pytest.mark.parametrize("name, f1_floor, field_floor", FLOORS)
def test_every_evaluation_set_stays_above_its_floor(name, f1_floor, field_floor):
    folder = ROOT / "eval" / name
    report = score_folder(folder / "documents", folder / "gold")
    assert report["facts"]["f1"] >= f1_floor, report["facts"]
    assert report["field_accuracy"] >= field_floor, report["fields"]
