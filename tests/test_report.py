"""kg report: per-article coverage rows and totals, counted independently from the markup."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli
from kg.parse import parse
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
    code = parse(FILM)
    assert count_table_rows(code) == 2
    assert count_listing_titles(code) == 2


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
    assert lines[-1].startswith("1 articles exported (1 conform), 0 refused;")


def test_report_tsv(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--tsv", "--no-validate", str(EXAMPLE)])
    assert result.exit_code == 0
    header, row = result.output.splitlines()
    names = header.split("\t")
    values = dict(zip(names, row.split("\t")))
    assert values["title"] == "Leaving Las Vegas" and values["cast"] == "28" and values["conforms"] == ""
