"""kg report: per-article coverage rows and totals, counted independently from the markup."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli
import pytest
from kg.report import count_listing_titles, count_table_rows, report_inputs

from .conftest import EXAMPLE

FILM = """{{Infobox film
| name = Count Film
| director = [[Dee Rector]]
}}
== Accolades ==
{| class="wikitable"
! Award !! Category !! Result
|-
| rowspan="2" | Alpha Awards || Best Film || {{won}}
|-
| Best Actor || {{nom}}
|}
== Soundtrack ==
{{Track listing
| title1 = One
| title2 =
| title3 = Three
}}
"""


def test_markup_counts_are_independent_of_extraction():
    assert count_table_rows(FILM) == 2
    assert count_listing_titles(FILM) == 2


@pytest.mark.parametrize(
    ("text", "rows", "titles"),
    [
        pytest.param("{|\n! Award !! Result\n|-\n| A || B\n|}\n", 1, 0, id="result-header"),
        pytest.param("{|\n! Award !! Category\n|-\n| A || B\n|}\n", 0, 0, id="no-result-column-no-template"),
        pytest.param("{|\n|-\n| A || {{Nom}}\n|-\n| B\n| {{won|1st}}\n|}\n", 2, 0, id="result-templates-multiline-cells"),
        pytest.param("{|\n! Result\n|-\n| a\n{|\n|-\n| inner\n|-\n| inner\n|}\n|}\n", 1, 0, id="nested-table-rows-not-counted"),
        pytest.param("<!--\n{|\n! Result\n|-\n| a\n|}\n-->", 0, 0, id="commented-out"),
        pytest.param("== Soundtrack ==\n{|\n| '''No.''' || '''Song'''\n|-\n| 1 || \"A\"\n|-\n| 2 || \"B\"\n|}\n", 0, 2, id="song-table-bold-header"),
        pytest.param("== Plot ==\n{|\n! Song\n|-\n| A\n|}\n", 0, 0, id="song-table-outside-soundtrack"),
        pytest.param("{{Tracklist|title1=[[A|a]]|title2= <!-- x -->|title3={{nowrap|C}}}}", 0, 2, id="tracklist-alias"),
    ],
)
def test_markup_counts(text: str, rows: int, titles: int) -> None:
    assert (count_table_rows(text), count_listing_titles(text)) == (rows, titles)


def test_report_rows_for_a_film_and_a_refused_page(tmp_path):
    film = tmp_path / "Count_Film.wiki"
    film.write_text(FILM, encoding="utf-8")
    other = tmp_path / "Not_A_Film.wiki"
    other.write_text("{{Infobox person|name=X}}\nX is a person.", encoding="utf-8")
    rows = list(report_inputs([str(film), str(other)]))
    assert [(r.title, r.nominations, r.table_rows, r.tracks, r.listing_titles, r.conforms, r.complete) for r in rows[:1]] == [
        ("Count Film", 2, 2, 2, 2, True, True)
    ]
    assert rows[1].error == "is not a film article: no {{Infobox film}} (it has {{Infobox person}})"


def test_report_command_prints_rows_and_totals(tmp_path):
    result = CliRunner().invoke(cli, ["report", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("article")
    assert lines[1].startswith("Leaving Las Vegas")
    assert "61/61" in lines[1] and "25/25" in lines[1] and lines[1].rstrip().endswith("yes")
    assert lines[-1].startswith("1 article exported (1 conform), 0 refused;")


def test_report_tsv(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--tsv", "--no-validate", str(EXAMPLE)])
    assert result.exit_code == 0
    header, row = result.output.splitlines()
    names = header.split("\t")
    values = dict(zip(names, row.split("\t")))
    assert values["title"] == "Leaving Las Vegas" and values["cast"] == "28" and values["conforms"] == ""
