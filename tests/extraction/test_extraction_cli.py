"""The management commands: fixed JSON interface, exit status 2 on bad input, evaluation."""
import io
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meetings.extraction import CLI_KEYS

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
EVAL = REPO / "meetings" / "extraction" / "eval"

pytestmark = pytest.mark.django_db


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_prints_exactly_the_cli_keys(tmp_path, vi_article):
    path = tmp_path / "a.txt"
    path.write_text(vi_article, encoding="utf-8")
    data = json.loads(_run("extract_article", str(path)))
    assert tuple(data) == CLI_KEYS
    assert data["event_date"] == "2024-09-20"
    assert "Hà Nội" in data["clean_text"]       # ensure_ascii=False: Vietnamese printed as is
    assert all(set(p) == {"name", "title"} for p in data["hanoi_officials"] + data["foreign_officials"])
    assert all(set(a) == {"kind", "stage"} for a in data["agreements"])


def test_url_and_published_options(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Hà Nội tiếp đoàn Xơ-un\nChiều 19/11, Chủ tịch UBND thành phố Trần Sỹ Thanh đã tiếp Thị trưởng "
                    "thành phố Xơ-un Oh Se-hoon tại trụ sở UBND thành phố.", encoding="utf-8")
    assert json.loads(_run("extract_article", str(path), "--published", "2025-01-05"))["event_date"] == "2024-11-19"
    assert json.loads(_run("extract_article", str(path), "--url", "https://x.vn/2023/11/a.html"))["event_date"] == "2023-11-19"


def _to_cp1258(text: str) -> bytes:
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in d if c in tones).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_accepted_encodings(tmp_path, vi_article, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(_to_cp1258(vi_article) if encoding == "cp1258" else vi_article.encode(encoding))
    data = json.loads(_run("extract_article", str(path)))
    assert data["title"] == "Hà Nội và Viêng Chăn thúc đẩy hợp tác giáo dục, y tế"
    assert data["partner_localities"] == ["Vientiane"]


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n ")
    binary = tmp_path / "bin.dat"
    binary.write_bytes(bytes(range(256)) * 20)
    big = tmp_path / "big.txt"
    big.write_bytes(b"Ha Noi tiep doan. " * (5 * 1024 * 1024 // 18 + 10))
    notarticle = tmp_path / "menu.txt"
    notarticle.write_text("Trang chủ\nĐăng nhập\nĐọc nhiều\nTin mới\n", encoding="utf-8")
    undecodable = tmp_path / "junk.txt"
    undecodable.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 200)
    return {
        "missing": [str(tmp_path / "nope.txt")],
        "empty": [str(empty)],
        "binary": [str(binary)],
        "too_large": [str(big)],
        "not_an_article": [str(notarticle)],
        "undecodable": [str(undecodable)],
        "bad_published": [str(notarticle), "--published", "2024-13-45"],
        "bad_published_format": [str(notarticle), "--published", "19/11/2024"],
    }


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "too_large", "not_an_article", "undecodable",
                                  "bad_published", "bad_published_format"])
def test_bad_input_exits_2(tmp_path, case):
    args = _bad_inputs(tmp_path)[case]
    with pytest.raises(CommandError) as exc:
        _run("extract_article", *args)
    assert exc.value.returncode == 2
    assert "\n" not in str(exc.value)


def test_real_process_exit_status_and_stderr(tmp_path, vi_article):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONWARNINGS": "ignore"}
    missing = subprocess.run([sys.executable, "manage.py", "extract_article", str(tmp_path / "nope.txt")],
                             cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2
    assert missing.stdout == ""
    last = missing.stderr.strip().splitlines()[-1]
    assert "not found" in last and "Traceback" not in missing.stderr
    ok_path = tmp_path / "a.txt"
    ok_path.write_text(vi_article, encoding="utf-8")
    ok = subprocess.run([sys.executable, "manage.py", "extract_article", str(ok_path)],
                        cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert tuple(json.loads(ok.stdout)) == CLI_KEYS


def test_evaluate_on_seeds_is_perfect():
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS.resolve()} (shared folder absent)")
    data = json.loads(_run("evaluate_extraction", str(SEEDS), str(EVAL / "seeds_expected.json"), "--json"))
    assert data["overall"] == 1.0
    for field, acc in data["fields"].items():
        assert acc == 1.0, (field, data["files"])


def test_evaluate_on_unseen_prints_figures():
    out = _run("evaluate_extraction", str(EVAL / "unseen"), str(EVAL / "unseen" / "unseen_expected.json"))
    print(out)
    for field in ("title", "event_date", "date_precision", "event_kind", "partner_localities", "partner_country",
                  "hanoi_officials", "foreign_officials", "agreements", "areas", "overall"):
        assert field in out
    assert "%" in out


def test_evaluation_rules():
    from meetings.extraction.evaluation import compare_field
    assert compare_field("foreign_officials", ["Marc Knapper"], [{"name": "Marc E. Knapper", "title": "Đại sứ"}])
    assert compare_field("partner_localities", ["Vientiane", "Chanthabuly"], ["Chanthabuly", "Vientiane"])
    assert compare_field("areas", ["a", "b", "c", "d", "e"], ["a", "b", "c", "d"])
    assert not compare_field("areas", ["a", "b"], ["a"])
    assert compare_field("title", "Hà Nội tiếp đoàn", "HA NOI tiep doan.")


def test_database_localities_extend_the_gazetteer(tmp_path):
    from meetings.extraction.django_gazetteer import gazetteer_entries_from_db
    from partnerships.models import Locality

    Locality.objects.create(name_en="Gyeongju", name_vi="Khánh Châu", aliases=["Kyongju"], country="KR",
                            kind=Locality.Kind.CITY)
    entries = gazetteer_entries_from_db()
    assert any(e["name_en"] == "Gyeongju" and e["country"] == "KR" and e["id"] for e in entries)
    path = tmp_path / "a.txt"
    path.write_text("Quận Hoàn Kiếm tiếp đoàn đại biểu Khánh Châu\nChiều 8/5, Bí thư Quận ủy Hoàn Kiếm Nguyễn Văn Nam "
                    "đã tiếp Đoàn đại biểu thành phố Khánh Châu (Hàn Quốc) do Thị trưởng Joo Nak-young dẫn đầu.",
                    encoding="utf-8")
    data = json.loads(_run("extract_article", str(path)))
    assert data["partner_localities"] == ["Gyeongju"] and data["partner_country"] == "KR"
    assert Locality.objects.count() == 1        # the command writes nothing


def test_gazetteer_from_db_is_empty_without_the_table(monkeypatch):
    from django.db import DatabaseError

    from meetings.extraction import django_gazetteer
    from partnerships.models import Locality

    def boom(*a, **k):
        raise DatabaseError("no such table: partnerships_locality")
    monkeypatch.setattr(Locality.objects, "select_related", boom)
    assert django_gazetteer.gazetteer_entries_from_db() == []
