#!/usr/bin/env python3
"""Browser test of the statistics page (/statistikk) in headless Chromium, after `tilgang import extract`.

Usage:
    statistics_test.py --base-url URL

Journey: open /statistikk for 2024, humans: the table has the report's first line (R01AD12, flutikasonfuroat,
137 283 packages), the SVG bar chart has a bar per line up to 15, the distinct product count is 1 699 and the
CSV link carries the filters; then filter on ATC prefix N05 and see only N05 codes; then animals, sorted by
dispensings; and a bad ATC prefix is explained.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-statistics.png), 2 when the
browser cannot start.
"""

from __future__ import annotations

import argparse
import sys

from browserkit import By, check, run

SCREENSHOT = "/tmp/tilgang-statistics.png"


def rows(b) -> list[list[str]]:
    return [[cell.text.strip() for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in b.driver.find_elements(By.CSS_SELECTOR, "#report-table tbody tr")]


def journey_statistics(b) -> None:
    print("Journey: the 2024 table, chart, filters and download", flush=True)
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
    check("atc" in b.text("statistics-error"), "a bad ATC prefix is explained")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of the statistics page.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    return run("statistics_test", args.base_url, [journey_statistics], SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
