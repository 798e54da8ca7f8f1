"""Import files in every encoding an officer's Excel can write: names arrive exactly, or the file
is refused with the steps to save it as "CSV UTF-8"; never a silently wrong letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oxfield.domain.ehe import EheCase
from oxfield.domain.people import Child
from oxfield.domain.schools import School
from oxfield.errors import ValidationError
from oxfield.services import ehe_register
from oxfield.services.records import Actor
from oxfield.services.schools import import_schools
from oxfield.vault.vault import Vault

HEADER = ["child_family_name", "child_given_names", "date_of_birth", "address_line1",
          "postcode", "date_notified"]  # fmt: skip
NAMES = [
    ("Wiśniewska", "Łucja Żaneta"),  # Polish
    ("الحسيني", "فاطمة"),  # Arabic
    ("王", "秀英"),  # Chinese
    ("Gŵyn", "Rhŷs Dafydd"),  # Welsh
    ("O’Brien", "Seán"),  # Irish, curly apostrophe
]


def register(names: list[tuple[str, str]], sep: str = ",") -> str:
    rows = [sep.join(HEADER)]
    for n, (family, given) in enumerate(names):
        rows.append(sep.join([family, given, f"2015-03-0{n + 1}", f"{n} Test Road", "OX1 1AA",
                              "2025-01-06"]))  # fmt: skip
    return "\r\n".join(rows) + "\r\n"


def imported_names(vault: Vault) -> set[tuple[str, str]]:
    with vault.read() as s:
        return {(c.legal_family_name, c.legal_given_names) for c in s.scalars(select(Child))}


def case_count(vault: Vault) -> int:
    with vault.read() as s:
        return int(s.scalar(select(func.count()).select_from(EheCase)) or 0)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(register(NAMES).encode("utf-8"), id="utf-8"),
        pytest.param(register(NAMES).encode("utf-8-sig"), id="utf-8 with BOM"),
        # Excel "Unicode Text": UTF-16 LE with a byte-order mark, tab-separated
        pytest.param(register(NAMES, "\t").encode("utf-16"), id="utf-16 tab"),
        pytest.param(b"\xfe\xff" + register(NAMES).encode("utf-16-be"), id="utf-16 BE"),
    ],
)
def test_unicode_registers_keep_every_name(vault: Vault, data: bytes) -> None:
    result = ehe_register.import_register(vault, Actor("officer-1"), data)
    assert result.added == len(NAMES)
    assert imported_names(vault) == set(NAMES)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        # "Łucja" in Windows-1250 is valid Windows-1252 too: it used to arrive as "£ucja"
        pytest.param(register(NAMES[:1]).encode("cp1250"), 2, id="polish cp1250"),
        pytest.param(
            register([("Synthetic", "Ann"), *NAMES[4:]]).encode("cp1252"), 3, id="irish cp1252"
        ),
        pytest.param(register(NAMES[3:4]).encode("utf-16-le"), 1, id="utf-16 without BOM"),
        pytest.param(b"\xff\xfe" + b"c\x00h\x00\x00\xd8", 1, id="broken utf-16"),
    ],
)
def test_other_encodings_are_refused_with_the_fix(vault: Vault, data: bytes, line: int) -> None:
    with pytest.raises(ehe_register.RegisterRejectedError) as rejected:
        ehe_register.import_register(vault, Actor("officer-1"), data)
    [problem] = rejected.value.problems
    assert (problem.line, problem.field) == (line, "file")
    assert "CSV UTF-8" in problem.message and "nothing was imported" in problem.message
    for cell in [c for name in NAMES for c in name]:  # no cell, whole or in part
        assert cell not in str(problem) and (len(cell) < 4 or cell[1:4] not in str(problem))
    assert case_count(vault) == 0


GIAS = "URN,LA (code),EstablishmentNumber,EstablishmentName,EstablishmentStatus (name),Town\n"
GIAS_ROWS = [(900101, "St Aidan’s Synthetic Academy"), (900102, "École Synthétique")]


def gias(rows: list[tuple[int, str]], sep: str = ",") -> str:
    lines = [GIAS.strip().replace(",", sep)]
    lines += [sep.join([str(urn), "931", str(n + 2001), name, "Open", "Banbury"])
              for n, (urn, name) in enumerate(rows)]  # fmt: skip
    return "\r\n".join(lines) + "\r\n"


def school_names(vault: Vault) -> dict[int, str]:
    with vault.read() as s:
        return {school.urn: school.name for school in s.scalars(select(School))}


def test_a_gias_download_in_windows_1252_is_read_and_says_so(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(gias(GIAS_ROWS).encode("cp1252"))
    report = import_schools(vault, path)
    assert report.encoding == "Windows-1252" and report.added == 2 and not report.problems
    assert school_names(vault) == dict(GIAS_ROWS)


@pytest.mark.parametrize(
    ("encoding", "sep", "name"),
    [("utf-8", ",", "UTF-8"), ("utf-8-sig", ",", "UTF-8"), ("utf-16", "\t", "UTF-16")],
)
def test_a_unicode_gias_file_keeps_welsh_and_every_script(
    vault: Vault, tmp_path: Path, encoding: str, sep: str, name: str
) -> None:
    rows = [(900201, "Ysgol Gynradd Gymraeg Bro Ŵyr"), (900202, "Ysgol Dŷ Ddewi"),
            (900203, "مدرسة النور"), (900204, "王氏学校"), (900205, "Szkoła Łąkowa")]  # fmt: skip
    path = tmp_path / "schools.csv"
    path.write_bytes(gias(rows, sep).encode(encoding))
    report = import_schools(vault, path)
    assert report.encoding == name and report.added == len(rows) and not report.problems
    assert school_names(vault) == dict(rows)


@pytest.mark.parametrize(
    "data",
    [
        # the Oxfordshire file's format is ours, always UTF-8: no legacy reading for it
        pytest.param(
            "urn,establishment_name\n900301,Szkoła Łąkowa\n".encode("cp1250"),
            id="oxfordshire cp1250",
        ),
        # 0x81 is unused in Windows-1252: not a GIAS download either
        pytest.param(
            GIAS.encode() + b"900302,931,2001,Synthetic \x81 School,Open,Banbury\n",
            id="gias with a byte unused in cp1252",
        ),
        pytest.param(gias(GIAS_ROWS).encode("utf-16-le"), id="utf-16 without BOM"),
    ],
)
def test_other_school_files_are_refused(vault: Vault, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "schools.csv"
    path.write_bytes(data)
    with pytest.raises(ValidationError) as refused:
        import_schools(vault, path)
    message = str(refused.value)
    assert re.match(r"line \d+: the file ", message) and "CSV UTF-8" in message
    assert "Szko" not in message and "Synthetic" not in message
    assert school_names(vault) == {}
