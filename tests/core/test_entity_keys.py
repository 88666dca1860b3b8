"""Entity keys name the report that mentions the entity and its type: the same name in another report, or of
another type, is another key; keys come out the same on every import; briefings saved with the older
name-only keys are converted by the upgrade to the report they were composed on."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from olddb import user_db_at
from zzdesk import paths
from zzdesk.core.briefing import BriefingItem, BriefingSpec, Paragraph
from zzdesk.core.desk import Desk
from zzdesk.core.keys import report_of
from zzdesk.core.parsing.decoding import read_report_bytes

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
SHARED = "特色商业街区"  # mentioned by the bundled 2025 report and by the imported 2026 one


def import_file(desk: Desk, name: str) -> str:
    parsed = desk.preview_import(read_report_bytes((REPORTS / name).read_bytes(), name))
    return desk.commit_import(parsed).reports[0]


def printed(desk: Desk, key: str) -> list[str]:
    document = desk.build_briefing(BriefingSpec("条目", (BriefingItem("entity", key),)))
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def test_the_same_name_in_two_reports_is_two_keys_each_printing_its_own_report(tmp_path: Path) -> None:
    with Desk(paths.reference_db_path(), tmp_path / "user.sqlite") as desk:
        bundled = desk.report("latest").key
        imported = import_file(desk, "zhengzhou-2026-full.txt")
        [old] = [e for e in desk.entities_of(bundled) if e.name == SHARED]
        [new] = [e for e in desk.entities_of(imported) if e.name == SHARED]
        assert old.key != new.key and report_of(old.key) == bundled and report_of(new.key) == imported
        for entity, report in ((old, bundled), (new, imported)):
            own = {p.text for p in desk.passages(report)}
            lines = printed(desk, entity.key)
            assert lines and all(line.startswith(f"{SHARED}（") for line in lines)
            assert all(any(line.split("：", 1)[1] in text for text in own) for line in lines)  # its report's words
            assert {line.split("：", 1)[1] for line in lines} == set(entity.quotes)


def test_the_same_name_of_another_type_is_another_key(tmp_path: Path) -> None:
    with Desk(paths.reference_db_path(), tmp_path / "user.sqlite") as desk:
        bundled_type = next(e.type for e in desk.entities() if e.name == SHARED)
        other_type = "project" if bundled_type != "project" else "place"
        parsed = desk.preview_import(read_report_bytes((REPORTS / "zhengzhou-2026-full.txt").read_bytes(), "x.txt"))
        parsed = replace(parsed, entities=tuple(replace(e, type=other_type) if e.name == SHARED else e
                                                for e in parsed.entities))  # as corrected in the review
        imported = desk.commit_import(parsed).reports[0]
        assert sorted(e.type for e in desk.entities() if e.name == SHARED) == sorted([bundled_type, other_type])
        [new] = [e for e in desk.entities_of(imported) if e.name == SHARED]
        assert new.type == other_type and new.key == f"{imported}/{other_type}/{SHARED}"
        assert printed(desk, new.key) and printed(desk, f"{imported}/{bundled_type}/{SHARED}") == [
            f"（此项数据已不存在：条目“{SHARED}”）"]


def test_keys_are_the_same_on_every_import(tmp_path: Path) -> None:
    found = []
    for home in ("a", "b"):
        with Desk(paths.reference_db_path(), tmp_path / home / "user.sqlite") as desk:
            if home == "b":
                import_file(desk, "jinshui-2026-district.gb18030.txt")  # other rows first: other row ids
            imported = import_file(desk, "zhengzhou-2026-full.txt")
            found.append(sorted(e.key for e in desk.entities_of(imported)))
    assert found[0] == found[1] and found[0]


def test_briefings_saved_with_name_keys_are_upgraded_to_their_report(tmp_path: Path) -> None:
    with Desk(paths.reference_db_path()) as reference:
        bundled = reference.report("latest").key
        [entity] = [e for e in reference.entities_of(bundled) if e.name == SHARED]
        other = next(e for e in reference.entities_of(bundled) if e.name != SHARED)
        before = printed(reference, entity.key)
    db = tmp_path / "user.sqlite"
    user_db_at(db, "0004")
    items = [{"kind": "entity", "ref": SHARED, "report": bundled},  # pinned, as the program saved it
             {"kind": "entity", "ref": other.name, "report": ""},  # converted from a row id by the 0004 upgrade
             {"kind": "entity", "ref": "早已删掉的项目", "report": ""}]
    spec = {**json.loads(BriefingSpec("旧简报", ()).to_json()), "items": items, "reports": [bundled]}
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO briefings (key, title, template, spec_json, created, updated) "
                     "VALUES ('abc123', '旧简报', 'jianbao', ?, '2025-03-05', '2025-03-05')",
                     (json.dumps(spec, ensure_ascii=False),))
    conn.close()
    with Desk(paths.reference_db_path(), db) as desk:
        import_file(desk, "zhengzhou-2026-full.txt")  # a newer report mentioning the same entity changes nothing
        converted = desk.open_briefing("abc123")
        assert [i.ref for i in converted.items] == [entity.key, other.key, f"{bundled}//早已删掉的项目"]
        assert all(i.report == "" for i in converted.items) and converted.reports == (bundled,)
        assert printed(desk, converted.items[0].ref) == before
        document = desk.build_briefing(converted)
        assert document.missing == ("条目“早已删掉的项目”",)
