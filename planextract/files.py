"""What is in a documents folder, and reading one of its files safely.

    list_documents(folder)       every file under `folder` as an `Entry` (sorted by name; a file
                                 that cannot be read at all carries its `Rejection` already)
    read_file(path, max_bytes)   its bytes, or `FileProblem` with a Rejection-ready reason

The folder is whatever lands in raw/documents/: files from other offices, scrapers and mail
attachments. So nothing here trusts a name or a link:

* symbolic links are resolved, never followed blindly: a link whose target lies outside the
  folder is `unsafe_path` (a link to /etc/passwd is not a plan), a broken or looping link is
  `unreadable`; a link to a file inside the folder is read as that file (and is then usually a
  duplicate of it), a link to a folder is not walked (its files are listed where they are);
* only regular files are opened, with O_NOFOLLOW and O_NONBLOCK, and re-checked with fstat after
  opening, so a named pipe, a device or a file swapped for a link between listing and reading
  can neither block nor redirect the read;
* a read takes at most `max_bytes + 1` bytes whatever the file claims, and a file whose size or
  modification time changes while it is read is `changed_while_read`;
* folders are walked without recursion (any depth) and without following links; hidden files
  and folders (dot-names) and operating-system litter are skipped;
* names are shown as Unicode whatever bytes they are made of (a GBK-encoded name from a zip
  unpacked on Linux reads as its Chinese name; undecodable bytes become \\xNN).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})


class FileProblem(Exception):
    """A file that cannot be read: `reason_code` and `reason` as in `planextract.model.Rejection`."""

    def __init__(self, reason_code: str, reason: str, size: int = 0):
        super().__init__(reason)
        self.reason_code, self.reason, self.size = reason_code, reason, size


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of the folder. `path` is where its bytes are (a link's target); `problem` is set
    when it must be rejected without being read."""

    source_file: str            # relative to the folder, '/'-separated, always valid Unicode
    path: Path
    problem: FileProblem | None = None


def display_name(name: str) -> str:
    """A file name as Unicode: names the file system gave as undecodable bytes are read as
    GB18030 (Chinese Windows archives) when that works, else shown with \\xNN escapes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def hidden(name: str) -> bool:
    return name.startswith(".") or name.lower() in IGNORED_NAMES


def list_documents(folder: Path) -> list[Entry]:
    """Every file under `folder`, sorted by its relative name. Raises NotADirectoryError only when
    `folder` itself is not a folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"document folder {folder} does not exist or is not a folder")
    root = Path(os.path.realpath(folder))
    entries: list[Entry] = []
    stack: list[tuple[Path, str]] = [(folder, "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            with os.scandir(directory) as listing:
                children = list(listing)
        except OSError as exc:
            entries.append(Entry(prefix or "./", directory, FileProblem(
                "unreadable", f"Folder could not be listed ({_why(exc)}); its files were not read. "
                              f"Make it readable by the user running the build.")))
            continue
        for child in children:
            if hidden(child.name):
                continue
            rel = prefix + display_name(child.name)
            try:
                if child.is_symlink():
                    entry = _link(child, rel, root)
                elif child.is_dir(follow_symlinks=False):
                    stack.append((Path(child.path), rel + "/"))
                    continue
                elif child.is_file(follow_symlinks=False):
                    entry = Entry(rel, Path(child.path))
                else:
                    entry = Entry(rel, Path(child.path), _not_regular(child.stat(follow_symlinks=False).st_mode))
            except OSError as exc:  # removed between listing and looking at it
                entry = Entry(rel, Path(child.path), _gone(exc))
            if entry is not None:
                entries.append(entry)
    entries.sort(key=lambda e: e.source_file)
    return entries


def _link(child: os.DirEntry, rel: str, root: Path) -> Entry | None:
    target = Path(os.path.realpath(child.path))
    try:
        shown = os.readlink(child.path)
    except OSError:
        shown = str(target)
    shown = display_name(shown)
    if not target.is_relative_to(root):
        return Entry(rel, Path(child.path), FileProblem(
            "unsafe_path", f"File is a symbolic link to {shown}, outside the documents folder; links that "
                           f"leave the folder are not followed. Copy the document itself into the folder."))
    try:
        st = os.stat(target)
    except OSError as exc:
        return Entry(rel, Path(child.path), FileProblem(
            "unreadable", f"File is a symbolic link to {shown}, which does not exist or loops "
                          f"({_why(exc)}). Remove the link or copy the document itself into the folder."))
    if stat.S_ISDIR(st.st_mode):
        return None  # a link to a folder inside this one: its files are listed where they are
    if not stat.S_ISREG(st.st_mode):
        return Entry(rel, target, _not_regular(st.st_mode))
    return Entry(rel, target)


def _not_regular(mode: int) -> FileProblem:
    kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return FileProblem("unreadable", f"File is {kind}, not a regular file, so it is not read. "
                                     f"Put the document itself into the folder.")


def _why(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def _gone(exc: OSError, size: int = 0) -> FileProblem:
    if isinstance(exc, FileNotFoundError):
        return FileProblem("unreadable", "File was removed while the build was reading the folder; it is "
                                         "not part of this build (if it comes back, the next build reads it).",
                           size)
    if isinstance(exc, PermissionError):
        return FileProblem("unreadable", f"File could not be read ({_why(exc)}). Make it readable by the user "
                                         f"running the build.", size)
    return FileProblem("unreadable", f"File could not be read ({_why(exc)}). Check that it exists, is a "
                                     f"regular file and is readable.", size)


def file_size(path: Path) -> int:
    """The size of a regular file (following no link), or FileProblem."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError as exc:
        raise _gone(exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(st.st_mode) if not stat.S_ISDIR(st.st_mode) else FileProblem(
            "unreadable", "File is a folder, not a file.")
    return st.st_size


def read_file(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes of a regular file (more means: too large), read without
    following a link or blocking on a pipe; FileProblem when it cannot be read or changed while
    it was read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _gone(exc) from None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise _not_regular(before.st_mode)
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        after = os.fstat(fd)
    except OSError as exc:
        raise _gone(exc) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    changed = (after.st_size != before.st_size or after.st_mtime_ns != before.st_mtime_ns
               or (len(data) != before.st_size and len(data) <= max_bytes))
    if changed:
        raise FileProblem("changed_while_read", "File changed while it was being read (its size or modification "
                                                "time moved during the read). It is read again by the next build "
                                                "once it stops changing; if it keeps changing, copy it into the "
                                                "folder only when it is complete.", len(data))
    return data
