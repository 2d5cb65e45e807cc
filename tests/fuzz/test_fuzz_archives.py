"""Random and damaged pack archives through every check an install makes
(:func:`expander.team.inspect_archive`): only Expander's own errors come out,
within the time and memory budget.

Archives are a valid build (``tests/team/helpers.build``) with bytes flipped,
cut, inserted or overwritten; archives crafted with random member names,
contents, manifest entries and compression methods (``helpers.craft`` and
``zipfile``); and random bytes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from expander.team import FileEntry, Manifest, inspect_archive
from expander.team.formats import MANIFEST_NAME, SIGNATURE_NAME
from tests.fuzz.conftest import FUZZ, LIBRARY_ERRORS, TIMEOUT, bounded
from tests.fuzz.test_fuzz_packs import pack_documents
from tests.team.helpers import V2, build, craft, pack_toml

pytestmark = [pytest.mark.slow, pytest.mark.timeout(TIMEOUT)]


@pytest.fixture(scope="module")
def valid_archive(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build(tmp_path_factory.mktemp("valid"), "1.1.0", V2).read_bytes()


def _inspect(path: Path) -> None:
    for check in (True, False):
        bounded(
            functools.partial(inspect_archive, path, check_expander_version=check),
            memory_mib=64,
            allowed=LIBRARY_ERRORS,
        )


_edit = st.tuples(
    st.sampled_from(["flip", "cut", "insert", "overwrite", "delete"]),
    st.integers(0, 1 << 16),
    st.binary(min_size=1, max_size=8),
)


def _mutate(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    for kind, at, chunk in edits:
        at %= max(len(data), 1)
        if kind == "flip":
            data = data[:at] + bytes([data[at] ^ chunk[0]]) + data[at + 1 :] if data else data
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + chunk + data[at:]
        elif kind == "overwrite":
            data = data[:at] + chunk + data[at + len(chunk) :]
        else:
            data = data[:at] + data[at + len(chunk) :]
    return data


@FUZZ
@given(edits=st.lists(_edit, min_size=1, max_size=4))
def test_a_damaged_valid_archive_is_refused_with_a_verification_error(
    tmp_path: Path, valid_archive: bytes, edits: list[tuple[str, int, bytes]]
) -> None:
    path = tmp_path / "damaged.zip"
    path.write_bytes(_mutate(valid_archive, edits))
    _inspect(path)


_parts = st.sampled_from(["pack.toml", "more", "a.toml", "A.toml", "con.toml", "..", ".", "x"])
member_names = st.one_of(
    st.lists(_parts, min_size=1, max_size=3).map("/".join),
    st.sampled_from([MANIFEST_NAME, SIGNATURE_NAME, "/abs.toml", "a\\b.toml", "c:x.toml"]),
    st.text(max_size=12),
)
_contents = st.one_of(
    st.just(pack_toml("1.1.0")),
    pack_documents().map(str.encode),
    st.binary(max_size=64),
)
_methods = st.sampled_from(
    [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)


# Finding 1: a file that is also another file's folder crashed the install with
# FileExistsError while unpacking, after every other check had passed.
CLASH = {"pack.toml": pack_toml("1.1.0"), "a.toml": b"", "a.toml/b.toml": b""}


@FUZZ
@example(files=CLASH, sizes={}, extra={})
@example(files={"pack.toml": pack_toml("1.1.0"), "Pack.toml/x.toml": b""}, sizes={}, extra={})
@given(
    files=st.dictionaries(member_names, _contents, min_size=1, max_size=4),
    sizes=st.dictionaries(member_names, st.integers(-1, 1 << 40), max_size=2),
    extra=st.dictionaries(member_names, st.binary(max_size=16), max_size=2),
)
def test_a_crafted_archive_is_installed_or_refused_with_a_verification_error(
    tmp_path: Path,
    files: dict[str, bytes],
    sizes: dict[str, int],
    extra: dict[str, bytes],
) -> None:
    listed = {n: FileEntry(hashlib.sha256(d).hexdigest(), len(d)) for n, d in files.items()}
    listed.update({n: FileEntry("0" * 64, size) for n, size in sizes.items()})
    path = tmp_path / "crafted.zip"
    with warnings.catch_warnings():  # a name twice is one of the damages tried
        warnings.simplefilter("ignore", UserWarning)
        craft(path, files, listed=listed, extra=extra)
    _inspect(path)


@FUZZ
@given(
    members=st.lists(st.tuples(member_names, _contents, _methods), min_size=1, max_size=4),
    manifest=st.binary(max_size=64) | st.just(b'{"format": 1}'),
    edits=st.lists(_edit, max_size=2),
)
def test_an_archive_of_any_members_and_compression_is_refused_cleanly(
    tmp_path: Path,
    members: list[tuple[str, bytes, int]],
    manifest: bytes,
    edits: list[tuple[str, int, bytes]],
) -> None:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)  # a name twice is one of the damages
        archive.writestr(MANIFEST_NAME, manifest)
        for name, data, method in members:
            archive.writestr(zipfile.ZipInfo(name or "x"), data, compress_type=method)
    path = tmp_path / "any.zip"
    path.write_bytes(_mutate(buffer.getvalue(), edits))
    _inspect(path)


def _listed_member_archive(method: int) -> tuple[bytes, int]:
    """A valid archive whose pack.toml is compressed with ``method``, and where its data starts."""
    data = pack_toml("1.1.0") * 20
    manifest = Manifest(
        "support-team",
        "1.1.0",
        "2026-01-01T00:00:00Z",
        "0.1.0",
        {"pack.toml": FileEntry(hashlib.sha256(data).hexdigest(), len(data))},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(MANIFEST_NAME, manifest.to_bytes())
        archive.writestr("pack.toml", data, compress_type=method)
        info = archive.getinfo("pack.toml")
    return buffer.getvalue(), info.header_offset + 30 + len(info.filename) + len(info.extra)


# Finding 2: a damaged LZMA member raised lzma.LZMAError out of inspect_archive, and
# one changed header byte (the dictionary size) made reading it allocate 72 MiB.
@FUZZ
@example(method=zipfile.ZIP_LZMA, at=10, chunk=b"UUUUUU")
@example(method=zipfile.ZIP_LZMA, at=8, chunk=b"\x04")
@given(method=_methods, at=st.integers(0, 200), chunk=st.binary(min_size=1, max_size=8))
def test_a_listed_member_damaged_under_any_compression_is_refused(
    tmp_path: Path, method: int, at: int, chunk: bytes
) -> None:
    data, start = _listed_member_archive(method)
    path = tmp_path / "member.zip"
    path.write_bytes(_mutate(data, [("overwrite", start + at, chunk)]))
    _inspect(path)


@FUZZ
@given(raw=st.binary(max_size=512))
@example(raw=b"PK\x05\x06" + bytes(18))
def test_random_bytes_as_an_archive_are_refused_with_a_verification_error(
    tmp_path: Path, raw: bytes
) -> None:
    path = tmp_path / "random.zip"
    path.write_bytes(raw)
    _inspect(path)
