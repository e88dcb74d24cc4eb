"""Learning office holders from the text: claims, the learned store, review, promotion.

Real parses (the session ``pipeline``'s spaCy model) of sentences written for these
tests, a real SQLite file in tmp_path, the real KB, and the real `kabar` command in a
subprocess. KABAR_HOME points at a fresh folder in every test that writes there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kabar.actors.countries import load_country_table, load_roles
from kabar.actors.kb import load_kb, read_kb, user_kb_dir
from kabar.actors.learn_stage import LearnStage
from kabar.actors.learned import Claim, ClaimReader
from kabar.actors.learned_review import kb_status, promote, review
from kabar.actors.learned_store import LearnedStore, learned_path, rank_entries
from kabar.errors import ConfigError, LearnedStoreError
from kabar.model import Article
from kabar.pipeline import Pipeline

KABAR = [sys.executable, "-m", "kabar"]
DAY = dt.date(2023, 10, 19)

SUMMIT = (
    "Kyrgyz President Sadyr Japarov met Russia's Foreign Minister Sergei Lavrov in "
    "Bishkek on Monday. Nurlan Bekmatov, Kyrgyzstan's energy minister, said gas prices "
    "would rise."
)
BEKMATOV_KEY = "nurlan-bekmatov/KGZ/energy-minister"


@pytest.fixture(scope="module")
def reader() -> ClaimReader:
    return ClaimReader(load_country_table(), load_roles())


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh KABAR_HOME for one test: its own learned store and dictionaries."""
    folder = tmp_path / "home"
    monkeypatch.setenv("KABAR_HOME", str(folder))
    return folder


def _article(text: str, day: dt.date | None = DAY, article_id: str = "a1") -> Article:
    return Article(id=article_id, text=text, date=day)


def _claims(
    pipeline: Pipeline, reader: ClaimReader, text: str, day: dt.date | None = DAY, aid: str = "a1"
) -> tuple[Claim, ...]:
    article = _article(text, day, aid)
    return reader.read(article, pipeline.nlp(article.text))


def _triples(claims: tuple[Claim, ...]) -> list[tuple[str, str, str, str]]:
    return [(c.name, c.country, c.sector, c.title) for c in claims]


# --------------------------------------------------------------------------- reading


def test_titles_before_a_name_give_claims(pipeline: Pipeline, reader: ClaimReader) -> None:
    claims = _claims(pipeline, reader, SUMMIT)
    assert _triples(claims)[:2] == [
        ("Sadyr Japarov", "KGZ", "GOV", "president"),
        ("Sergei Lavrov", "RUS", "GOV", "foreign minister"),
    ]
    assert claims[0].form == "title" and claims[0].office == "President of Kyrgyzstan"
    assert claims[1].office == "Foreign Minister of Russia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Sadyr Japarov of Kyrgyzstan visited Moscow.",
         ("Sadyr Japarov", "KGZ", "GOV", "president")),
        ("President of Uzbekistan Shavkat Mirziyoyev arrived in Astana.",
         ("Shavkat Mirziyoyev", "UZB", "GOV", "president")),
        ("Uzbek Deputy Prime Minister Jamshid Khodjaev said so.",
         ("Jamshid Khodjaev", "UZB", "GOV", "deputy prime minister")),
        ("Tajik Defence Minister Rustam Nazarzoda and Kyrgyz Interior Minister Ulan "
         "Niyazbekov signed a border deal.",
         ("Ulan Niyazbekov", "KGZ", "GOV", "interior minister")),
        ("The Kazakh prime minister, Olzhas Bektenov, flew home.",
         ("Olzhas Bektenov", "KAZ", "GOV", "prime minister")),
        ("Russian Federation President Vladimir Putin spoke.",  # a KB alias holds the title
         ("Vladimir Putin", "RUS", "GOV", "president")),
        ("Saudi Oil Minister Khalid Nasser said so.",  # the compound stays in the title
         ("Khalid Nasser", "SAU", "GOV", "oil minister")),
    ],
)  # fmt: skip
def test_title_forms(
    pipeline: Pipeline, reader: ClaimReader, text: str, expected: tuple[str, ...]
) -> None:
    assert expected in _triples(_claims(pipeline, reader, text))


def test_appositions_give_claims(pipeline: Pipeline, reader: ClaimReader) -> None:
    claims = _claims(pipeline, reader, SUMMIT)
    assert _triples(claims)[2] == ("Nurlan Bekmatov", "KGZ", "GOV", "energy minister")
    assert claims[2].form == "apposition"
    lavrov = _claims(pipeline, reader, "Sergei Lavrov, Russia's foreign minister, arrived.")
    assert _triples(lavrov) == [("Sergei Lavrov", "RUS", "GOV", "foreign minister")]
    assert lavrov[0].form == "apposition"


def test_a_surname_apposition_takes_the_full_name_the_article_gave(
    pipeline: Pipeline, reader: ClaimReader
) -> None:
    text = "Sadyr Japarov arrived on Monday. Later Japarov, the president of Kyrgyzstan, spoke."
    assert _triples(_claims(pipeline, reader, text)) == [
        ("Sadyr Japarov", "KGZ", "GOV", "president")
    ]
    alone = _claims(pipeline, reader, "Japarov, the president of Kyrgyzstan, spoke.")
    assert _triples(alone) == [("Japarov", "KGZ", "GOV", "president")]


@pytest.mark.parametrize(
    "text",
    [
        "Former Kyrgyz President Almazbek Atambayev was jailed.",  # a past office
        "Russian spokesman Dmitry Peskov declined to comment.",  # a vague title
        "President Sadyr Japarov said the border was calm.",  # no country
        "Ruritanian Defence Minister Ivan Blom resigned.",  # no country we know
        "Aibek Tursunov, a Kyrgyz journalist, wrote about it.",  # no office
        "Brazil's central bank President Francisco Gros said so.",  # the bank's office
        "British Chancellor of the Exchequer Nigel Lawson said so.",  # another office
        "Bank of Japan Governor Satoshi Sumita said so.",  # the bank's office
        "Kyrgyz Vice-President Ivan Petrov said so.",  # "vice" hangs on the name
        "Kyrgyzstan's junior energy minister, Nurlan Bekmatov, said so.",  # another office
        "Queen Mary University of London hosted the talks.",  # a place, not a queen
        "Aida Bekova, the president of Bishkek Chess Kyrgyzstan, won.",  # a club's president
    ],
)
def test_vague_past_or_countryless_titles_give_nothing(
    pipeline: Pipeline, reader: ClaimReader, text: str
) -> None:
    assert _claims(pipeline, reader, text) == ()


def test_evidence_locates_the_sentence_and_the_mention(
    pipeline: Pipeline, reader: ClaimReader
) -> None:
    article = _article(SUMMIT, article_id="bishkek-1")
    claims = reader.read(article, pipeline.nlp(article.text))
    evidence = claims[2].evidence
    assert evidence.article_id == "bishkek-1" and evidence.date == DAY
    assert evidence.sentence_index == 1
    assert evidence.sentence.text == article.text[evidence.sentence.start : evidence.sentence.end]
    assert evidence.sentence.text.startswith("Nurlan Bekmatov")
    assert evidence.sentence.text.endswith("would rise.")
    assert evidence.mention.text == "Nurlan Bekmatov, Kyrgyzstan's energy minister"
    assert evidence.sentence.start <= evidence.mention.start < evidence.mention.end
    assert evidence.digest == hashlib.sha256(SUMMIT.encode()).hexdigest()[:20]


# ----------------------------------------------------------------------------- store


def test_counts_dates_and_idempotent_recording(
    pipeline: Pipeline, reader: ClaimReader, tmp_path: Path
) -> None:
    store = LearnedStore(tmp_path / "learned.sqlite3")
    first = _claims(pipeline, reader, SUMMIT, dt.date(2023, 3, 1), "a1")
    later_text = "Nurlan Bekmatov, Kyrgyzstan's energy minister, opened a dam on Friday."
    later = _claims(pipeline, reader, later_text, dt.date(2023, 5, 2), "a2")
    assert store.record(first) == 3
    assert store.record(later) == 1
    # The same articles again, and the first under another id: nothing new.
    assert store.record(first) == 0
    assert store.record(_claims(pipeline, reader, SUMMIT, dt.date(2023, 3, 1), "copy")) == 0
    entries = {e.key: e for e in store.entries()}
    bekmatov = entries[BEKMATOV_KEY]
    assert bekmatov.count == 2
    assert (bekmatov.first_seen, bekmatov.last_seen) == (dt.date(2023, 3, 1), dt.date(2023, 5, 2))
    assert bekmatov.example.startswith("Nurlan Bekmatov, Kyrgyzstan's energy minister, opened")
    assert bekmatov.example_article == "a2" and bekmatov.example_date == dt.date(2023, 5, 2)
    assert entries["sadyr-japarov/KGZ/president"].count == 1
    assert len(entries) == 3


def test_spelling_variants_share_an_entry(
    pipeline: Pipeline, reader: ClaimReader, tmp_path: Path
) -> None:
    store = LearnedStore(tmp_path / "learned.sqlite3")
    for n, name in enumerate(["Sadyr Zhaparov", "Sadyr Japarov", "Sadyr Japarov"]):
        text = f"Kyrgyz President {name} spoke to reporters in city number {n}."
        store.record(_claims(pipeline, reader, text, DAY, f"s{n}"))
    (entry,) = store.entries()
    assert entry.count == 3 and entry.name == "Sadyr Japarov"
    assert entry.spellings == ("Sadyr Japarov", "Sadyr Zhaparov")
    assert entry.key == "sadyr-zhaparov/KGZ/president"  # the first spelling, kept for good


def _record_dated(
    store: LearnedStore,
    pipeline: Pipeline,
    reader: ClaimReader,
    title: str,
    days: list[dt.date],
) -> None:
    for day in days:
        text = f"Kyrgyz {title} Nurlan Bekmatov spoke on {day:%d %B}."
        store.record(_claims(pipeline, reader, text, day, f"{title}-{day}"))


def test_conflicting_claims_rank_by_recency_then_support(
    pipeline: Pipeline, reader: ClaimReader, tmp_path: Path
) -> None:
    store = LearnedStore(tmp_path / "learned.sqlite3")
    # Three months of reports as energy minister, then a reshuffle to prime minister.
    march = [dt.date(2023, 3, d) for d in (1, 8, 15)]
    _record_dated(store, pipeline, reader, "Energy Minister", march)
    _record_dated(store, pipeline, reader, "Prime Minister", [dt.date(2023, 6, 1)])
    ranked = {r.entry.title: (r.rank, r.of) for r in rank_entries(store.entries())}
    assert ranked == {"prime minister": (1, 2), "energy minister": (2, 2)}
    # Within a month of the newest report, support decides: two more energy-minister
    # reports in the same weeks outweigh the one prime-minister report.
    _record_dated(store, pipeline, reader, "Energy Minister", [dt.date(2023, 5, 20)])
    ranked = {r.entry.title: (r.rank, r.of) for r in rank_entries(store.entries())}
    assert ranked == {"energy minister": (1, 2), "prime minister": (2, 2)}


def test_claims_of_different_people_do_not_conflict(
    pipeline: Pipeline, reader: ClaimReader, tmp_path: Path
) -> None:
    store = LearnedStore(tmp_path / "learned.sqlite3")
    store.record(_claims(pipeline, reader, SUMMIT))
    assert {(r.rank, r.of) for r in rank_entries(store.entries())} == {(1, 1)}


def test_a_damaged_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "learned.sqlite3"
    path.write_bytes(b"this is not a database, just some text that happens to be here")
    with pytest.raises(LearnedStoreError, match=r"learned\.sqlite3.*move a damaged file away"):
        LearnedStore(path).entries()


# -------------------------------------------------------------------- review and KB


def test_status_against_the_kb(pipeline: Pipeline, reader: ClaimReader, tmp_path: Path) -> None:
    store = LearnedStore(tmp_path / "learned.sqlite3")
    store.record(_claims(pipeline, reader, SUMMIT))
    wrong = "The deal was signed by Sadyr Japarov, Kyrgyzstan's foreign minister."
    store.record(_claims(pipeline, reader, wrong, DAY, "a2"))
    kb = load_kb()
    status = {e.key: kb_status(e, kb) for e in store.entries()}
    assert status == {
        "sadyr-japarov/KGZ/president": "agrees",
        "sergei-lavrov/RUS/foreign-minister": "agrees",
        "sadyr-japarov/KGZ/foreign-minister": "extends",
        BEKMATOV_KEY: "new",
    }
    # The date matters: Japarov was no president in 2015.
    old = LearnedStore(tmp_path / "old.sqlite3")
    old.record(_claims(pipeline, reader, SUMMIT, dt.date(2015, 1, 5)))
    assert kb_status(old.entries()[1], kb) == "extends"


def test_review_filters_by_count_and_name(
    pipeline: Pipeline, reader: ClaimReader, tmp_path: Path
) -> None:
    store = LearnedStore(tmp_path / "learned.sqlite3")
    store.record(_claims(pipeline, reader, SUMMIT))
    _record_dated(store, pipeline, reader, "Energy Minister", [dt.date(2023, 11, 1)])
    kb = load_kb()
    assert [r.entry.key for r in review(store, kb, min_count=2)] == [BEKMATOV_KEY]
    assert [r.entry.key for r in review(store, kb, name="lavrov")] == [
        "sergei-lavrov/RUS/foreign-minister"
    ]
    # Spelling variants find the name too.
    assert [r.entry.key for r in review(store, kb, name="Zhaparov")] == [
        "sadyr-japarov/KGZ/president"
    ]


# ------------------------------------------------------------------------- promotion


def test_promote_then_lookup_finds_the_dated_role(
    pipeline: Pipeline, reader: ClaimReader, home: Path
) -> None:
    mine = user_kb_dir() / "mine.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("actors: []\n", encoding="utf-8")
    store = LearnedStore()
    assert store.path == learned_path() == home / "learned.sqlite3"
    store.record(_claims(pipeline, reader, SUMMIT, dt.date(2023, 3, 1)))
    assert read_kb().get_candidates("Nurlan Bekmatov", DAY) == []

    done = promote([BEKMATOV_KEY], store, load_kb())
    assert done.path == home / "kb" / "learned.yaml" and done.new_roles == 1
    kb = read_kb()  # a later run: the bundled KB with the user's dictionaries
    (top, *_) = kb.get_candidates("Nurlan Bekmatov", DAY)
    assert top.actor.id == "learned:nurlan-bekmatov" and top.match == "alias"
    (role,) = top.roles
    assert (role.country, role.sector) == ("KGZ", "GOV")
    assert role.office == "Energy Minister of Kyrgyzstan"
    assert role.start == dt.date(2023, 3, 1) and role.end is None and role.source == "learned"
    assert kb.get_candidates("Nurlan Bekmatov", dt.date(2022, 1, 1))[0].roles == ()
    # Twice: the same file, no duplicate actor or role; other dictionaries untouched.
    text = done.path.read_text(encoding="utf-8")
    again = promote([BEKMATOV_KEY], store, load_kb())
    assert again.new_roles == 0 and done.path.read_text(encoding="utf-8") == text
    assert mine.read_text(encoding="utf-8") == "actors: []\n"
    assert sorted(p.name for p in (home / "kb").iterdir()) == ["learned.yaml", "mine.yaml"]
    (entry,) = [e for e in store.entries() if e.key == BEKMATOV_KEY]
    assert entry.promoted == dt.date.today()


@pytest.mark.usefixtures("home")
def test_promoting_an_extension_keeps_the_kb_roles(pipeline: Pipeline, reader: ClaimReader) -> None:
    store = LearnedStore()
    wrong = "The deal was signed by Sadyr Japarov, Kyrgyzstan's foreign minister."
    store.record(_claims(pipeline, reader, wrong, dt.date(2030, 2, 1)))
    kb = load_kb()
    before = kb.get("wd:Q25597826")
    assert before is not None
    done = promote(["sadyr-japarov/KGZ/foreign-minister"], store, kb)
    assert done.actor_ids == ("wd:Q25597826",)
    after = read_kb().get("wd:Q25597826")
    assert after is not None and after.qid == "Q25597826" and after.name == before.name
    offices = {role.office for role in after.roles}
    assert {r.office for r in before.roles} < offices
    assert "Foreign Minister of Kyrgyzstan" in offices
    assert len(yaml.safe_load(done.path.read_text(encoding="utf-8"))["actors"]) == 1


def test_promoting_an_unknown_key_writes_nothing(home: Path) -> None:
    with pytest.raises(ConfigError, match="kabar actors learned"):
        promote(["nobody/XXX/president"], LearnedStore(), load_kb())
    assert not (home / "kb").exists()


# ---------------------------------------------------------------- the pipeline stage


def test_stage_writes_in_batches_and_keeps_events(
    pipeline: Pipeline, reader: ClaimReader, tmp_path: Path
) -> None:
    store = LearnedStore(tmp_path / "learned.sqlite3")
    learning = Pipeline(pipeline.nlp, [*pipeline.stages, LearnStage(reader, store, 2)])
    articles = [_article(SUMMIT, DAY, f"a{n}") for n in range(3)]
    runs = learning.run(articles, batch_size=1)
    next(runs)
    assert LearnedStore(store.path).entries() == []  # no commit per article
    rest = list(runs)
    assert len(rest) == 2 and all(r.events for r in rest)
    assert {e.count for e in LearnedStore(store.path).entries()} == {1}  # one article text


def test_a_store_failure_loses_no_events(
    pipeline: Pipeline, reader: ClaimReader, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    store = LearnedStore(blocker / "learned.sqlite3")
    learning = Pipeline(pipeline.nlp, [*pipeline.stages, LearnStage(reader, store, 1)])
    articles = [_article(SUMMIT, DAY, f"a{n}") for n in range(3)]
    results = []
    with pytest.raises(LearnedStoreError, match=r"not-a-folder.*KABAR_HOME"):
        for result in learning.run(articles):
            results.append(result)
    assert len(results) == 3 and all(r.events and r.error is None for r in results)


# ------------------------------------------------------------------------------- CLI


def _kabar(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KABAR_HOME": str(home)}
    return subprocess.run(
        [*KABAR, *args], capture_output=True, text=True, timeout=300, env=env, check=False
    )


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    (folder / "bishkek.txt").write_text(f" date 2023-10-19 Summit\n\n{SUMMIT}\n", encoding="utf-8")
    later = "Nurlan Bekmatov, Kyrgyzstan's energy minister, opened a dam on Friday."
    (folder / "dam.txt").write_text(f" date 2023-11-03 Dam\n\n{later}\n", encoding="utf-8")
    return folder


def test_cli_learns_lists_and_promotes(news: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    coded = _kabar(home, "code", str(news), "-o", str(tmp_path / "events.jsonl"))
    assert coded.returncode == 0, coded.stderr
    listed = _kabar(home, "actors", "learned", "--min-count", "2")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(f"{BEKMATOV_KEY}  Nurlan Bekmatov  KGZ GOV  Energy Minister of")
    assert "2 articles  2023-10-19..2023-11-03  new" in lines[0]
    assert lines[1].strip().startswith("\"Nurlan Bekmatov, Kyrgyzstan's energy minister, opened")
    assert len(lines) == 2
    as_json = _kabar(home, "actors", "learned", "--json", "--name", "lavrov")
    (record,) = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert record["key"] == "sergei-lavrov/RUS/foreign-minister"
    assert record["status"] == "agrees" and record["count"] == 1
    assert record["example"]["sentence"].startswith("Kyrgyz President Sadyr Japarov met")

    promoted = _kabar(home, "actors", "promote", BEKMATOV_KEY)
    assert promoted.returncode == 0, promoted.stderr
    assert "learned:nurlan-bekmatov" in promoted.stdout
    looked_up = _kabar(home, "actors", "lookup", "Nurlan Bekmatov", "--date", "2023-12-01")
    assert looked_up.returncode == 0, looked_up.stderr
    assert "learned:nurlan-bekmatov" in looked_up.stdout
    assert "KGZ GOV  Energy Minister of Kyrgyzstan 2023-10-19.." in looked_up.stdout
    unknown = _kabar(home, "actors", "promote", "nobody/XXX/president")
    assert unknown.returncode == 2 and "kabar actors learned" in unknown.stderr


def test_cli_no_learn_writes_nothing(news: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    coded = _kabar(home, "code", str(news), "--no-learn", "-o", str(tmp_path / "events.jsonl"))
    assert coded.returncode == 0, coded.stderr
    assert (tmp_path / "events.jsonl").read_text(encoding="utf-8")
    assert not home.exists()
    listed = _kabar(home, "actors", "learned")
    assert listed.returncode == 0 and "nothing learned yet" in listed.stdout


def test_cli_store_failure_is_reported_after_the_events(news: Path, tmp_path: Path) -> None:
    home = tmp_path / "home-is-a-file"
    home.write_text("x", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    coded = _kabar(home, "code", str(news), "-o", str(out))
    assert coded.returncode == 1
    assert "kabar: 2 articles" in coded.stderr
    assert "learned layer" in coded.stderr and "events of this run were written" in coded.stderr
    assert out.read_text(encoding="utf-8").strip()
