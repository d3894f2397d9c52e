"""The file system as a hostile input: links, pipes, odd names, folders named like files, files
that vanish or change while they are read — through planextract.files, scan_folder,
process_file and landing (worker processes included, no Dagster)."""
from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import hostile  # noqa: E402

from orchestration.landing import land_documents  # noqa: E402
from planextract import files  # noqa: E402
from planextract.documents import read_document, scan_folder  # noqa: E402
from planextract.model import ParsedDocument, Rejection  # noqa: E402
from planextract.pipeline import DocumentLimits, process_file  # noqa: E402

PLAN = hostile.PLAN


@pytest.fixture()
def documents(tmp_path) -> tuple[Path, list[hostile.FileSystemCase]]:
    folder = tmp_path / "raw" / "documents"
    folder.mkdir(parents=True)
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    cases = hostile.add_file_system_cases(folder)
    return folder, [hostile.FileSystemCase("plan.txt", hostile.ACCEPTED), *cases]


def verdict(result) -> str:
    return "accepted" if isinstance(result, ParsedDocument) else result.reason_code


def test_scan_folder_gives_every_odd_file_its_verdict(documents):
    folder, cases = documents
    results = {r.source_file: r for r in scan_folder(folder)}
    assert set(results) == {c.name for c in cases}
    for case in cases:
        assert verdict(results[case.name]) in case.verdicts, (case.name, results[case.name])
    assert "/etc/passwd" in results["link_etc_passwd.txt"].reason
    assert "named pipe" in results["pipe.txt"].reason
    assert "target_inside.txt" in results["z_link_inside.txt"].reason
    assert results["温州规划.txt"].text.endswith("（GBK文件名）")


def test_landing_gives_every_odd_file_its_verdict_and_the_rows_are_valid_unicode(documents, tmp_path):
    folder, cases = documents
    con = duckdb.connect(str(tmp_path / "build.duckdb"))
    try:
        stats = land_documents(con, folder, 1024 * 1024, workers=2)
        accepted = {r[0] for r in con.execute("SELECT source_file FROM raw.documents").fetchall()}
        rejected = dict(con.execute("SELECT source_file, reason_code FROM raw.rejected_documents").fetchall())
    finally:
        con.close()
    assert stats.files_seen == len(cases) and stats.accepted + stats.rejected == len(cases)
    for case in cases:
        got = "accepted" if case.name in accepted else rejected.get(case.name)
        assert got in case.verdicts, (case.name, got)


def test_read_document_follows_the_link_its_caller_gives_scan_folder_does_not(tmp_path):
    """A path handed to read_document is the caller's choice (eval/ keeps its texts as links to
    where they live); a link found in a documents folder is content, and is not followed out."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "plan.txt").write_text(PLAN, encoding="utf-8")
    folder = tmp_path / "documents"
    folder.mkdir()
    os.symlink(elsewhere / "plan.txt", folder / "linked.txt")
    doc = read_document(folder / "linked.txt")
    assert isinstance(doc, ParsedDocument) and doc.source_file == "linked.txt" and doc.text == PLAN.strip()
    assert [verdict(r) for r in scan_folder(folder)] == ["unsafe_path"]


def test_links_inside_the_folder_to_a_folder_are_not_walked_twice(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(PLAN, encoding="utf-8")
    os.symlink("sub", tmp_path / "again")
    os.symlink(".", tmp_path / "loop")
    assert [e.source_file for e in files.list_documents(tmp_path)] == ["sub/a.txt"]


def test_a_file_removed_after_listing_is_rejected_as_gone(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    (entry,) = files.list_documents(tmp_path)
    path.unlink()
    result = process_file(entry.source_file, entry.path)
    assert isinstance(result, Rejection) and result.reason_code == "unreadable"
    assert "removed while the build was reading" in result.reason


def test_a_file_replaced_by_a_link_after_listing_is_not_followed(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    (entry,) = files.list_documents(tmp_path)
    path.unlink()
    os.symlink("/etc/passwd", path)
    result = process_file(entry.source_file, entry.path)
    assert isinstance(result, Rejection) and result.reason_code == "unreadable"


def test_a_file_that_changed_after_listing_is_changed_while_read(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    listed = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_text(PLAN + "补充\n", encoding="utf-8")
    result = process_file("plan.txt", path, expected_digest=listed)
    assert isinstance(result, Rejection) and result.reason_code == "changed_while_read"
    assert isinstance(process_file("plan.txt", path, expected_digest=hashlib.sha256(path.read_bytes()).hexdigest()),
                      tuple)


def test_a_file_growing_while_it_is_read_is_changed_while_read(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    real_read = os.read

    def read_while_someone_appends(fd, n):
        chunk = real_read(fd, n)
        with path.open("a", encoding="utf-8") as other:
            other.write("追加")
        return chunk

    monkeypatch.setattr(files.os, "read", read_while_someone_appends)
    with pytest.raises(files.FileProblem) as caught:
        files.read_file(path, 1024 * 1024)
    assert caught.value.reason_code == "changed_while_read"


def test_reads_are_bounded_whatever_the_file_claims(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 * 1024)  # 10 GiB, sparse
    assert len(files.read_file(path, 1000)) == 1001  # more than max: too large, and no more is read
    assert isinstance(process_file("big.txt", path, max_bytes=1000), Rejection)


def test_a_file_rewritten_all_through_a_build_gets_a_verdict(tmp_path):
    """A writer keeps replacing one file while landing reads the folder: the file gets a verdict
    (read as it stood in two reads that agreed, or rejected as changed or caught empty) and the
    other documents are not affected."""
    folder = tmp_path / "documents"
    folder.mkdir()
    for i in range(6):
        (folder / f"plan_{i}.txt").write_text(PLAN + f"（第{i}份）\n", encoding="utf-8")
    busy = folder / "busy.txt"
    versions = [(PLAN + f"版本{i}\n" * (i % 50 + 1)).encode() for i in range(200)]
    busy.write_bytes(versions[0])
    stop = threading.Event()

    def writer():
        i = 0
        while not stop.is_set():
            with busy.open("r+b") as handle:  # rewritten in place, as a slow copy would
                handle.truncate(0)
                for k in range(0, len(versions[i % 200]), 64):
                    handle.write(versions[i % 200][k:k + 64])
                    handle.flush()
            i += 1

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    con = duckdb.connect(str(tmp_path / "build.duckdb"))
    try:
        time.sleep(0.2)
        stats = land_documents(con, folder, 1024 * 1024, workers=2, limits=DocumentLimits(seconds=60))
        rows = dict(con.execute("SELECT source_file, text FROM raw.documents").fetchall())
        rejected = dict(con.execute("SELECT source_file, reason_code FROM raw.rejected_documents").fetchall())
    finally:
        stop.set()
        thread.join()
        con.close()
    assert {f"plan_{i}.txt" for i in range(6)} <= set(rows)
    if "busy.txt" in rows:
        assert any(v.decode().startswith(rows["busy.txt"]) for v in versions), rows["busy.txt"][-40:]
    else:
        assert rejected["busy.txt"] in {"changed_while_read", "empty"}, rejected
    assert stats.files_seen == 7
