"""Tests of kabar.readers on real files written under tmp_path (no mocks)."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from kabar.errors import ConfigError, InputError, UnknownFormatError
from kabar.model import Article
from kabar.readers import FORMATS, MAX_ARTICLE_BYTES, read_articles
from kabar.readers.dateline import split_dateline
from kabar.readers.normalise import normalise_text, parse_date

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_EXAMPLE = SHARED / "examples" / "seed_article.txt"
BIG = 50 * 1024 * 1024


def read(*paths: str | Path, **options: object) -> tuple[list[Article], list[InputError]]:
    """All articles and all reported errors of one run."""
    errors: list[InputError] = []
    # The options are read_articles' own keywords, passed through untyped.
    articles = list(read_articles(list(paths), on_error=errors.append, **options))  # type: ignore[arg-type]
    return articles, errors


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- seed and plain text ----------------------------------------------------------


@pytest.mark.parametrize("lead", [" ", "", "  "])
def test_seed_with_and_without_leading_space(tmp_path: Path, lead: str) -> None:
    path = write(
        tmp_path / "visit.txt",
        f"{lead}date 2023-10-19 Putin visits Bishkek\n\nBISHKEK: Putin met Zhaparov.\n",
    )
    (article,), errors = read(path)
    assert errors == []
    assert article.date == dt.date(2023, 10, 19)
    assert article.title == "Putin visits Bishkek"
    assert article.dateline == "BISHKEK"
    assert article.text == "Putin met Zhaparov."
    assert article.id == "visit"
    assert article.origin == str(path)
    assert article.warnings == ()


def test_seed_date_word_is_case_insensitive(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "DATE 2023-10-19 Title\n\nBody text.")
    (article,), _ = read(path)
    assert article.date == dt.date(2023, 10, 19)
    assert article.title == "Title"


def test_real_seed_example() -> None:
    if not SEED_EXAMPLE.is_file():
        pytest.skip(f"shared examples not present at {SHARED}")
    (article,), errors = read(SEED_EXAMPLE)
    assert errors == []
    assert article.date == dt.date(2023, 10, 19)
    assert article.title == "In rare visit abroad, Putin holds talks with Kyrgyzstan president"
    assert article.dateline == "BISHKEK"
    assert article.text.startswith("President of Kyrgyzstan")
    assert "\n\nZhaparov said that Putin\u2019s visit" in article.text
    assert article.warnings == ()


def test_plain_text_takes_the_given_date(tmp_path: Path) -> None:
    path = write(tmp_path / "note.txt", "LONDON (Reuters) - Britain said on Monday it would act.\n")
    (article,), errors = read(path, date=dt.date(2024, 3, 1))
    assert errors == []
    assert article.date == dt.date(2024, 3, 1)
    assert article.dateline == "LONDON"
    assert article.text == "Britain said on Monday it would act."
    assert article.title == ""
    assert article.warnings == ()


def test_plain_text_without_date_warns(tmp_path: Path) -> None:
    path = write(tmp_path / "note.text", "Britain said on Monday it would act.")
    (article,), _ = read(path, format="text")
    assert article.date is None
    assert any("no publication date" in warning for warning in article.warnings)


@pytest.mark.parametrize("first", ["Date 5 was chosen.", "Date palms grow here."])
def test_date_word_in_text_is_not_a_date_line(tmp_path: Path, first: str) -> None:
    path = write(tmp_path / "a.txt", f"{first}\n\nMore.")
    (article,), _ = read(path, date=dt.date(2024, 1, 1))
    assert article.text == f"{first}\n\nMore."
    assert article.warnings == ()


def test_missing_date_line_keeps_article(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Putin met Zhaparov in Bishkek.\n\nThey discussed trade.")
    (article,), errors = read(path, format="seed")
    assert errors == []
    assert article.date is None
    assert article.text == "Putin met Zhaparov in Bishkek.\n\nThey discussed trade."
    expected = "no ' date YYYY-MM-DD title' first line; publication date unknown"
    assert article.warnings == (expected,)


def test_garbled_date_line_keeps_title(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", " date 2023-13-45 Putin visits Bishkek\n\nPutin met Zhaparov.")
    (article,), errors = read(path)
    assert errors == []
    assert article.date is None
    assert article.title == "Putin visits Bishkek"
    assert article.text == "Putin met Zhaparov."
    (warning,) = article.warnings
    assert "'2023-13-45'" in warning
    assert "publication date unknown" in warning


def test_garbled_date_line_falls_back_to_given_date(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "date 2023-02-30 Title\n\nBody.")
    (article,), _ = read(path, date=dt.date(2023, 3, 1))
    assert article.date == dt.date(2023, 3, 1)
    assert "using the given date 2023-03-01" in article.warnings[0]


# --- JSONL and CSV ----------------------------------------------------------------


def test_jsonl_with_field_mapping(tmp_path: Path) -> None:
    records = [
        {"uid": "r1", "published": "2023-10-19T08:30:00+06:00", "headline": "Talks",
         "content": "MOSCOW, Oct 12 (Reuters) - Russia said it would talk.", "link": "https://x/1",
         "source": "Reuters"},
        {"published": "20231020", "content": "Kyrgyzstan agreed."},
        {"published": "last Tuesday", "content": "Nothing happened."},
    ]  # fmt: skip
    path = write(tmp_path / "news.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    fields = {"id": "uid", "date": "published", "title": "headline", "text": "content",
              "url": "link"}  # fmt: skip
    first, second, third = read(path, fields=fields)[0]
    assert first.id == "r1"
    assert first.date == dt.date(2023, 10, 19)
    assert (first.title, first.url, first.source) == ("Talks", "https://x/1", "Reuters")
    assert first.dateline == "MOSCOW"
    assert first.text == "Russia said it would talk."
    assert first.origin == f"{path}:1"
    assert second.id == "news:2"
    assert second.date == dt.date(2023, 10, 20)
    assert third.date is None
    assert any("'last Tuesday'" in warning for warning in third.warnings)


def test_jsonl_body_field_and_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.ndjson", '\n{"id": 7, "body": "Body text.", "date": "2023-01-02"}\n\n'
    )
    (article,), errors = read(path)
    assert errors == []
    assert (article.id, article.text, article.date) == ("7", "Body text.", dt.date(2023, 1, 2))
    assert article.origin == f"{path}:2"


def test_jsonl_broken_line_is_reported_with_its_number(tmp_path: Path) -> None:
    lines = [
        '{"id": "a", "text": "First."}',
        '{"id": "b", "text": "Second.',
        "[1, 2]",
        '{"id": "d", "title": "no text"}',
        '{"id": "e", "text": "Fifth."}',
    ]
    path = write(tmp_path / "n.jsonl", "\n".join(lines) + "\n")
    articles, errors = read(path)
    assert [a.id for a in articles] == ["a", "e"]
    assert [e.origin for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in errors[0].problem
    assert "array" in errors[1].problem
    assert "'text' or 'body'" in errors[2].problem


def test_csv_and_tsv(tmp_path: Path) -> None:
    long_body = "Word " * 60_000  # 300 KB: over the csv module's default 128 KB field limit
    csv_path = write(
        tmp_path / "a.csv",
        "id,date,title,text\n"
        'c1,2023-10-19,"Talks, again","BISHKEK: Putin met Zhaparov.\n\nThey talked."\n'
        f"c2,2023-10-20,Long,{long_body}\n",
    )
    tsv_path = write(tmp_path / "b.tsv", "date\ttext\n2023-10-21\tKyrgyzstan agreed.\n")
    articles, errors = read(csv_path, tsv_path)
    assert errors == []
    c1, c2, t1 = articles
    assert (c1.id, c1.title, c1.dateline, c1.date) == ("c1", "Talks, again", "BISHKEK",
                                                       dt.date(2023, 10, 19))  # fmt: skip
    assert c1.text == "Putin met Zhaparov.\n\nThey talked."
    assert c1.origin == f"{csv_path}:2"
    assert c2.origin == f"{csv_path}:5"  # the quoted newlines of row 1 span lines 2-4
    assert len(c2.text) > 250_000
    assert (t1.id, t1.text, t1.date) == ("b:2", "Kyrgyzstan agreed.", dt.date(2023, 10, 21))


def test_csv_bad_row_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,text\nx,Fine.\ny,Too,many\nz,\nw,Also fine.\n")
    articles, errors = read(path)
    assert [a.id for a in articles] == ["x", "w"]
    assert [e.origin for e in errors] == [f"{path}:3", f"{path}:4"]
    assert "has 3 fields but the header has 2" in errors[0].problem


def test_csv_without_text_column_in_header(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "x1,Some text\nx2,More\n")
    articles, (error,) = read(path)
    assert articles == []
    assert "header row has no 'text' or 'body' column" in error.problem


# --- HTML -------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Putin visits Bishkek | Kabar</title>
<link rel="canonical" href="https://kabar.kg/news/putin-visit">
<meta property="og:site_name" content="Kabar">
<meta property="article:published_time" content="2023-10-19T09:00:00+06:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Putin visits Bishkek</h1>
<p>BISHKEK: President of Kyrgyzstan Sadyr Zhaparov met Russian President Vladimir Putin
in Bishkek on Thursday.</p>
<p>The two leaders discussed trade and the Kant Air Base.</p>
</article><footer>Copyright 2023 Kabar</footer></body></html>
"""


def test_html_page(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE)
    (article,), errors = read(path)
    assert errors == []
    assert article.title == "Putin visits Bishkek"
    assert article.date == dt.date(2023, 10, 19)
    assert article.url == "https://kabar.kg/news/putin-visit"
    assert article.source == "Kabar"
    assert article.dateline == "BISHKEK"
    assert article.text == (
        "President of Kyrgyzstan Sadyr Zhaparov met Russian President Vladimir Putin in "
        "Bishkek on Thursday.\n\nThe two leaders discussed trade and the Kant Air Base."
    )
    assert "Copyright" not in article.text


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    # "Putin arrived in Bishkek." in Russian, written as escapes: several
    # Cyrillic letters look like Latin ones and would confuse a reader.
    sentence = (
        "\u041f\u0443\u0442\u0438\u043d \u043f\u0440\u0438\u0431\u044b\u043b "
        "\u0432 \u0411\u0438\u0448\u043a\u0435\u043a."
    )
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>Visit</title></head><body><article><p>{sentence}</p></article></body></html>"
    )
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    (article,), errors = read(path)
    assert errors == []
    assert article.text == sentence
    assert article.warnings == (
        "the page gives no publication date; publication date unknown "
        "(give one with date=, CLI: --date)",
    )


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.htm", "<html><head><title>x</title></head><body></body></html>")
    articles, (error,) = read(path)
    assert articles == []
    assert "no article text" in error.problem


# --- paths: directories, globs, stdin ---------------------------------------------


def test_directory_with_a_mix(tmp_path: Path) -> None:
    root = tmp_path / "news"
    write(root / "a.txt", "date 2023-10-19 A\n\nFirst.")
    write(root / "b.jsonl", '{"id": "b1", "text": "Second."}\n')
    write(root / "sub" / "c.csv", "id,text\nc1,Third.\n")
    write(root / "sub" / "d.html", PAGE)
    write(root / "README.md", "not news")
    write(root / "archive.gz", "x")
    write(root / ".hidden.txt", "date 2023-10-19 Hidden\n\nSecret.")
    write(root / ".git" / "e.txt", "date 2023-10-19 Git\n\nSecret.")
    articles, errors = read(root)
    assert errors == []
    assert [a.id for a in articles] == ["a", "b1", "c1", "d"]


def test_directory_without_readable_files_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "d" / "notes.md", "x")
    articles, (error,) = read(tmp_path / "d")
    assert articles == []
    assert "no file with a known extension" in error.problem


def test_glob_pattern(tmp_path: Path) -> None:
    write(tmp_path / "x1.jsonl", '{"text": "One."}\n')
    write(tmp_path / "x2.jsonl", '{"text": "Two."}\n')
    write(tmp_path / "y.jsonl", '{"text": "Other."}\n')
    articles, errors = read(str(tmp_path / "x*.jsonl"))
    assert errors == []
    assert [a.text for a in articles] == ["One.", "Two."]
    articles, (error,) = read(str(tmp_path / "nothing*.csv"))
    assert articles == []
    assert "matches no file" in error.problem


def test_stdin_seed_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b" date 2023-10-19 From a pipe\n\nBISHKEK: Putin arrived.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    (article,), errors = read("-")
    assert errors == []
    assert (article.id, article.origin, article.title) == ("stdin", "<stdin>", "From a pipe")
    assert article.date == dt.date(2023, 10, 19)
    assert article.text == "Putin arrived."

    data = b'{"text": "One."}\n{"text": "Two."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    articles, errors = read("-", format="jsonl")
    assert errors == []
    assert [(a.id, a.text) for a in articles] == [("stdin:1", "One."), ("stdin:2", "Two.")]


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"Russia said on Monday it would act.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    (article,), _ = read("-", date=dt.date(2024, 1, 1))
    assert article.text == "Russia said on Monday it would act."
    assert article.date == dt.date(2024, 1, 1)


def test_same_stem_in_two_directories_gets_unique_ids(tmp_path: Path) -> None:
    one = write(tmp_path / "one" / "story.txt", "date 2023-10-19 A\n\nFirst.")
    two = write(tmp_path / "two" / "story.txt", "date 2023-10-19 B\n\nSecond.")
    write(tmp_path / "two" / "other.txt", "date 2023-10-19 C\n\nThird.")
    articles, _ = read(one, tmp_path / "two")
    ids = [a.id for a in articles]
    assert len(set(ids)) == 3
    assert ids[0].startswith("story-") and ids[2].startswith("story-")
    assert ids[1] == "other"
    again, _ = read(one, two)
    assert [a.id for a in again] == [ids[0], ids[2]]  # deterministic


def test_repeated_record_ids_are_renamed(tmp_path: Path) -> None:
    path = write(tmp_path / "n.jsonl", '{"id": "x", "text": "A."}\n{"id": "x", "text": "B."}\n')
    first, second = read(path)[0]
    assert (first.id, second.id) == ("x", "x~2")
    assert "already used" in second.warnings[0]


def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "date 2023-10-19 A\n\nFirst.")
    articles, _ = read(path, tmp_path)
    assert [a.id for a in articles] == ["a"]


# --- bad input --------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", " \n\n  \n")
    articles, (error,) = read(path)
    assert articles == []
    assert error.origin == str(path)
    assert "file is empty" in error.problem


def test_bom_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf\n")
    articles, (error,) = read(path)
    assert articles == []
    assert "file is empty" in error.problem


def test_empty_jsonl_file(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.jsonl", "\n\n")
    articles, (error,) = read(path)
    assert articles == []
    assert "file is empty" in error.problem


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    articles, (error,) = read(path)
    assert articles == []
    assert "looks like a binary file, not text" in error.problem


def test_binary_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00" + bytes(200))
    articles, (error,) = read(path)
    assert articles == []
    assert "looks like a binary file" in error.problem


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    head = b"date 2023-10-19 Caf\xc3\xa9 talks\n\n"
    path.write_bytes(head + b"Talks at the caf\xe9 in Bishkek \xff\xfe ended.\n")
    (article,), errors = read(path)
    assert errors == []
    assert article.title == "Caf\u00e9 talks"
    assert article.text == "Talks at the caf\ufffd in Bishkek \ufffd\ufffd ended."
    (warning,) = article.warnings
    assert str(path) in warning
    assert f"byte offset {len(head) + 16}" in warning
    assert "3 invalid byte sequence(s)" in warning


def test_invalid_utf8_in_jsonl_names_the_file_offset(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    first = b'{"text": "Fine."}\n'
    path.write_bytes(first + b'{"text": "Bad \xe9 byte."}\n')
    fine, bad = read(path)[0]
    assert fine.warnings == ()
    assert bad.text == "Bad \ufffd byte."
    assert f"byte offset {len(first) + 14}" in bad.warnings[0]


def test_huge_text_file_is_refused_and_the_run_goes_on(tmp_path: Path) -> None:
    huge = tmp_path / "a_huge.txt"
    with huge.open("wb") as stream:  # sparse: instant, and no disk space used
        stream.seek(BIG - 1)
        stream.write(b"x")
    after = write(tmp_path / "b_after.txt", "date 2023-10-19 After\n\nStill read.")
    started = time.perf_counter()
    articles, (error,) = read(huge, after)
    assert time.perf_counter() - started < 2
    assert [a.id for a in articles] == ["b_after"]
    assert error.origin == str(huge)
    assert f"over the limit of {MAX_ARTICLE_BYTES:,} bytes" in error.problem
    assert "--max-article-bytes" in error.problem


def test_raising_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "date 2023-10-19 A\n\n" + "word " * 100)
    assert read(path, max_article_bytes=100)[0] == []
    assert len(read(path, max_article_bytes=1000)[0]) == 1


def test_oversize_jsonl_record_is_skipped(tmp_path: Path) -> None:
    lines = [{"text": "Short."}, {"text": "Long " * 100}, {"text": "After."}]
    path = write(tmp_path / "n.jsonl", "".join(json.dumps(r) + "\n" for r in lines))
    articles, (error,) = read(path, max_article_bytes=200)
    assert [a.text for a in articles] == ["Short.", "After."]
    assert error.origin == f"{path}:2"
    assert "over the limit of 200 bytes" in error.problem


def test_big_jsonl_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    record = {
        "date": "2023-10-19",
        "text": "MOSCOW (Reuters) - " + "Russia said it would act. " * 35,
    }
    line = (json.dumps(record) + "\n").encode()
    count = BIG // len(line) + 1
    path.write_bytes(line * count)
    assert path.stat().st_size >= BIG

    articles = read_articles([path])
    tracemalloc.start()
    try:
        first = [next(articles) for _ in range(100)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, "the first records must come without loading the file"
    assert first[0].id == "big:1" and first[0].dateline == "MOSCOW"
    assert sum(1 for _ in articles) + len(first) == count


def test_unknown_format_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        read_articles([tmp_path / "does-not-exist.xml"], format="xml")
    for name in FORMATS:
        assert name in str(caught.value)


def test_unknown_extension_named_explicitly_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "news.json.gz", "x")
    articles, (error,) = read(path)
    assert articles == []
    assert isinstance(error, UnknownFormatError)
    assert "decompress it first" in error.problem


def test_bad_options_fail_at_once() -> None:
    with pytest.raises(ConfigError, match="unknown kabar field"):
        read_articles(["x.jsonl"], fields={"content": "text"})
    with pytest.raises(ConfigError, match="list of paths"):
        read_articles("news.jsonl")
    with pytest.raises(ConfigError, match="at least 1"):
        read_articles(["x.jsonl"], max_article_bytes=0)


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    good1 = write(tmp_path / "1.txt", "date 2023-10-19 One\n\nFirst.")
    bad = tmp_path / "2.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    good2 = write(tmp_path / "3.jsonl", '{"text": "Third."}\n')
    missing = tmp_path / "4.txt"
    articles, errors = read(good1, bad, missing, good2)
    assert [a.text for a in articles] == ["First.", "Third."]
    assert [e.origin for e in errors] == [str(bad), str(missing)]


def test_errors_are_logged_without_on_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path / "empty.txt", "")
    assert list(read_articles([path])) == []
    assert "file is empty" in caplog.text
    assert caplog.records[0].name == "kabar.readers"


# --- datelines and normalisation --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "rest"),
    [
        ("BISHKEK: President Zhaparov said", "BISHKEK", "President Zhaparov said"),
        ("MOSCOW, Oct 12 (Reuters) - Russia said", "MOSCOW", "Russia said"),
        ("WASHINGTON, March 3 - The Senate voted", "WASHINGTON", "The Senate voted"),
        ("SALVADOR, Feb 26 - Brazil said", "SALVADOR", "Brazil said"),
        ("LONDON (Reuters) - Britain said", "LONDON", "Britain said"),
        ("NEW YORK/LONDON -- Stocks fell", "NEW YORK/LONDON", "Stocks fell"),
        ("Kabul, Afghanistan (AP) \u2014 A blast hit", "Kabul, Afghanistan", "A blast hit"),
        ("RIO DE JANEIRO, Oct. 3, 2023 (Reuters) - Brazil", "RIO DE JANEIRO", "Brazil"),
        ("The Hague (Reuters) - Judges ruled", "The Hague", "Judges ruled"),
        ("SÃO PAULO: Lula said", "SÃO PAULO", "Lula said"),
        ("WASHINGTON\u2014The Senate voted", "WASHINGTON", "The Senate voted"),
    ],
)
def test_dateline_is_removed(text: str, place: str, rest: str) -> None:
    assert split_dateline(text) == (place, rest)


@pytest.mark.parametrize(
    "text",
    [
        "President Putin said: we will respond.",
        "President Putin: we will respond.",
        "However, the talks failed.",
        "UPDATE: The talks failed.",
        "EXCLUSIVE - Russia plans talks",
        "Russia, Ukraine: talks continue",
        "In Moscow, May 9 - parade held",
        "WASHINGTON-based firms - they said",
        "10:30 GMT: markets opened",
        "US - China talks resumed",
        "BISHKEK:",
        "Mr Smith - the envoy - said",
    ],
)
def test_sentence_starts_are_not_datelines(text: str) -> None:
    assert split_dateline(text) == ("", text)


def test_reuters_wrapped_text_is_joined() -> None:
    raw = (
        "    MOSCOW, Oct 12 (Reuters) - Russia said on Thursday it had\n"
        "no plans to   withdraw from the treaty, the foreign\n"
        "ministry's spokeswoman told reporters.\n"
        "    The Kyrgyz-\n"
        "Russian talks will go on, she said.\r\n"
        "\r\n"
        "\r\n"
        "    A third paragraph.\n"
    )
    assert normalise_text(raw) == (
        "MOSCOW, Oct 12 (Reuters) - Russia said on Thursday it had no plans to withdraw from "
        "the treaty, the foreign ministry's spokeswoman told reporters.\n\n"
        "The Kyrgyz-Russian talks will go on, she said.\n\n"
        "A third paragraph."
    )


def test_normalisation_keeps_blank_line_paragraphs() -> None:
    assert normalise_text("One\u00a0 two.\n\n\n\nThree\tfour.  \n") == "One two.\n\nThree four."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-19", dt.date(2023, 10, 19)),
        ("20231019", dt.date(2023, 10, 19)),
        ("2023-10-19T23:30:00+06:00", dt.date(2023, 10, 19)),
        ("2023-10-19 08:00:00Z", dt.date(2023, 10, 19)),
        ("2023-13-45", None),
        ("19 Oct 2023", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
