#!/usr/bin/env python3
"""Browser test of the statistics page (/statistikk) in headless Chromium, after `tilgang import extract`.

Usage:
    statistics_test.py --base-url URL [--data DIR]

Journey 1: open /statistikk for 2024, humans: the table has the report's first line (R01AD12, flutikasonfuroat,
137 283 packages), the SVG bar chart has a bar per line up to 15, the distinct product count is 1 699 and the
CSV link carries the filters; then filter on ATC prefix N05 and see only N05 codes; then animals, sorted by
dispensings; and a bad ATC prefix is explained by its Norwegian label.
Journey 2: seed 004's Tables 1–7 against the agency's data files (`--data`, default ../shared/data beside the
repository): each table DMP published is shown as «Publisert av DMP», cell for cell as the file has it, beside
Tilgang's own «Beregnet i Tilgang»; the followed medicines are split by species, each count in its own year's
column (prednisolone 2024: 60 animals, no patients); no value from 1 to 4 is shown anywhere; the page stays under
15 000 px tall.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-statistics.png), 2 when the
browser cannot start.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from browserkit import By, check, run

SCREENSHOT = "/tmp/tilgang-statistics.png"
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
MAX_HEIGHT = 15_000

# Table number → (data file, the page that shows it, the table's id on that page, the file's columns shown).
TOP_HUMAN = ["atc_code", "substance", "dispensings", "packages", "ddd"]
TOP_ANIMAL = ["atc_code", "substance", "dispensings"]
TABLES = {
    1: ("dmp-exemption-applications-human.csv", "", "published-table-1",
        ["year", "assessed_by_agency", "notifications", "total"]),
    2: ("dmp-2024-top-unregistered-human.csv", "?year=2024&species=human", "published-table", TOP_HUMAN),
    3: ("dmp-cannabis-patients-2020-2024.csv", "", "published-table-3",
        ["atc_code", "content", "product", "2020", "2021", "2022", "2023", "2024"]),
    4: ("dmp-2023-top-unregistered-human.csv", "?year=2023&species=human", "published-table", TOP_HUMAN),
    5: ("dmp-exemption-applications-animal.csv", "", "published-table-5", ["year", "applications"]),
    6: ("dmp-2024-top-unregistered-animal.csv", "?year=2024&species=animal", "published-table", TOP_ANIMAL),
    7: ("dmp-2023-top-unregistered-animal.csv", "?year=2023&species=animal", "published-table", TOP_ANIMAL),
}


def rows(b, table_id: str = "report-table") -> list[list[str]]:
    return [[cell.text.strip() for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in b.driver.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr")]


def headers(b, table_id: str) -> list[str]:
    return [th.text.strip() for th in b.driver.find_elements(By.CSS_SELECTOR, f"#{table_id} thead th")]


def journey_statistics(b) -> None:
    print("Journey 1: the 2024 table, chart, filters and download", flush=True)
    b.open("/statistikk", "statistics-form")
    b.choose("year", "2024")
    b.choose("species", "human")
    b.submit("show-statistics", "report-table")
    table = rows(b)
    check(len(table) == 50, f"the table has 50 lines (got {len(table)})")
    check(table[0][0] == "R01AD12" and table[0][3] == "137283", f"first line is R01AD12 with 137283 packages: {table[0]}")
    bars = b.driver.find_elements(By.CSS_SELECTOR, "#top-chart rect")
    check(len(bars) == 15, f"the bar chart shows the top 15 ({len(bars)} bars)")
    check(b.text("distinct-products") == "1699", "1 699 distinct unregistered product numbers")
    link = b.find("csv-link").get_attribute("href")
    check("year=2024" in link and "species=human" in link, f"the CSV link keeps the filters ({link})")
    b.type("atc", "N05")
    b.submit("show-statistics", "report-table")
    codes = [line[0] for line in rows(b)]
    check(codes and all(code.startswith("N05") for code in codes), f"only N05 codes after the filter: {codes}")
    b.type("atc", "")
    b.choose("species", "animal")
    b.submit("show-statistics", "report-table")
    dispensings = [int(line[2]) for line in rows(b)]
    check(dispensings == sorted(dispensings, reverse=True), "animals are sorted by dispensings")
    b.type("atc", "ø")
    b.submit("show-statistics", "statistics-error")
    error = b.text("statistics-error")
    check("ATC-kode begynner med" in error and "atc:" not in error, f"a bad ATC prefix is named by its label: {error}")


def file_rows(name: str, columns: list[str]) -> list[list[str]]:
    """The data file's rows as the page must show them: the file's text, «<5» for 1–4, «–» for nothing."""
    with open(DATA / name, encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    shown = []
    for record in records:
        row = []
        for column in columns:
            value = record[column]
            if value == "":
                value = "–"
            elif value.isdigit() and 1 <= int(value) <= 4:
                value = "<5"
            if column == "substance":
                value += {"shortage": " *", "deregistered": " **"}.get(record.get("marker", ""), "")
            row.append(value)
        shown.append(row)
    return shown


def no_small_counts(b, where: str) -> None:
    cells = b.driver.execute_script(
        "return Array.from(document.querySelectorAll('td, #distinct-products')).map(e => e.textContent.trim())")
    small = [c for c in cells if c in ("1", "2", "3", "4")]
    check(not small, f"{where}: no value from 1 to 4 is shown ({small[:5]})")


def page_height(b, where: str) -> None:
    height = b.driver.execute_script("return document.documentElement.scrollHeight")
    check(height < MAX_HEIGHT, f"{where}: the page is {height} px tall (under {MAX_HEIGHT})")


def journey_published_tables(b) -> None:
    print("Journey 2: seed 004's Tables 1–7, DMP's figures beside Tilgang's, per species and year", flush=True)
    for number, (name, query, table_id, columns) in sorted(TABLES.items()):
        b.open("/statistikk" + query, table_id)
        shown = rows(b, table_id)
        expected = file_rows(name, columns)
        check(shown == expected, f"Table {number} shows {name} cell for cell ({len(shown)} rows)")
        caption = b.driver.find_element(By.CSS_SELECTOR, f"#{table_id} caption").text
        check(caption.startswith("Publisert av DMP") and f"Tabell {number}." in caption,
              f"Table {number} is labelled as DMP's: {caption}")
        if query:
            check(b.driver.find_element(By.CSS_SELECTOR, "#report-table caption").text == "Beregnet i Tilgang",
                  f"Table {number}: Tilgang's own table beside it is labelled as computed")
        no_small_counts(b, f"Table {number}")
        page_height(b, f"Table {number}")

    b.open("/statistikk?year=2024&species=human", "followed-table-human")
    years = headers(b, "followed-table-human")[3:]
    check(years == ["2023", "2024"], f"one column per year: {years}")
    human = {r[1]: r for r in rows(b, "followed-table-human") if r[2] == ""}
    animal = {r[1]: r for r in rows(b, "followed-table-animal") if r[2] == ""}
    animal_years = headers(b, "followed-table-animal")[3:]
    prednisolone = animal["H02AB06"][3:]
    check(prednisolone[animal_years.index("2024")] == "60",
          f"prednisolone 2024: 60 animals, in the 2024 column ({dict(zip(animal_years, prednisolone))})")
    check(int(prednisolone[animal_years.index("2023")]) in range(500, 544), "prednisolone 2023: the animals alone")
    patients = dict(zip(years, human["H02AB06"][3:]))
    check(patients["2024"] == "0" and 50_000 < int(patients["2023"]) < 59_169,
          f"prednisolone for patients alone, none in 2024 ({patients})")
    products = [r for r in rows(b, "followed-table-human") if r[2]]
    check(all(r[0] and not r[0].isdigit() for r in products), "every product row is named")
    check(len(rows(b, "followed-table-human")) <= 20, "the followed series are paged")
    check(b.driver.find_elements(By.CSS_SELECTOR, "#followed-chart-human polyline"), "the followed series are charted")
    captions = [c.text for c in b.driver.find_elements(By.CSS_SELECTOR, "table caption")]
    check(any(c.startswith("Beregnet i Tilgang: søknader") for c in captions), "Tilgang's applications are labelled")
    no_small_counts(b, "followed medicines")
    page_height(b, "followed medicines")


def main(argv=None) -> int:
    global DATA
    parser = argparse.ArgumentParser(description="Headless-Chromium test of the statistics page.")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--data", default=str(DATA), help="the agency's data files (shared/data)")
    args = parser.parse_args(argv)
    DATA = Path(args.data)
    return run("statistics_test", args.base_url, [journey_statistics, journey_published_tables], SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
