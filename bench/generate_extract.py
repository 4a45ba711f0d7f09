#!/usr/bin/env python3
"""Writes a register extract (docs/extract-format.md) whose unregistered aggregates equal the agency's tables.

Usage:
    generate_extract.py --out FILE [--rows N] [--seed S]

The 2024 and 2023 tables in bench/reference/ (human: dispensings, packages and DDD; animal: dispensings) are
reproduced exactly: each table line becomes as many rows as it has dispensings, with packages and DDD split in
thousandths so the sums are exact (part packages appear where a line has fewer packages than dispensings, as
zopiclone in 2024). Distinct unregistered product numbers in 2024 are 1 699 (human) and 229 (animal), as in the
report. Around them: a long tail of smaller unregistered medicines that stays below every table line, and
registered rows of several years, up to --rows rows in all. A name ending in .gz is gzip-compressed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference"
HEADER = "year,atc_code,substance,product_number,species,patient_id,packages,ddd,unregistered,marker\n"
DISTINCT_PRODUCTS = {(2024, "human"): 1699, (2024, "animal"): 229, (2023, "human"): 1650, (2023, "animal"): 240}


def table(year: int, species: str) -> list[dict[str, str]]:
    with open(REFERENCE / f"dmp-{year}-top-unregistered-{species}.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def quote(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def milli(value: int) -> str:
    whole, part = divmod(value, 1000)
    return f"{whole}" if part == 0 else f"{whole}.{part:03d}".rstrip("0")


def split(total_milli: int, parts: int):
    """`parts` positive thousandths that add up to `total_milli` exactly."""
    base, extra = divmod(total_milli, parts)
    for index in range(parts):
        yield base + (1 if index < extra else 0)


class Writer:
    def __init__(self, handle, rng: random.Random) -> None:
        self.handle = handle
        self.rng = rng
        self.rows = 0
        self.buffer: list[str] = []

    def row(self, year, atc, substance, product, species, packages_milli, ddd_milli, unregistered, marker,
            patient=None) -> None:
        patient = patient or f"p{self.rng.randrange(1, 2_000_000)}"
        ddd = "" if ddd_milli is None else milli(ddd_milli)
        self.buffer.append(
            f"{year},{atc},{substance},{product},{species},{patient},{milli(packages_milli)},{ddd},"
            f"{1 if unregistered else 0},{marker}\n")
        self.rows += 1
        if len(self.buffer) >= 100_000:
            self.flush()

    def flush(self) -> None:
        self.handle.write("".join(self.buffer))
        self.buffer.clear()


def product_pool(year: int, species: str) -> list[str]:
    start = 100000 + year % 100 * 4000 + (0 if species == "human" else 2000)
    return [str(start + i) for i in range(DISTINCT_PRODUCTS[(year, species)])]


def write_table(writer: Writer, year: int, species: str, tail_groups: int) -> None:
    lines = table(year, species)
    pool = product_pool(year, species)
    used = 0
    human = species == "human"
    floor = min(int(l["packages"]) for l in lines) if human else min(int(l["dispensings"]) for l in lines)
    for line in lines:
        n = int(line["dispensings"])
        substance = quote(line["substance"])
        marker = line.get("marker", "")
        if human:
            packages = list(split(int(line["packages"]) * 1000, n))
            ddd = list(split(int(line["ddd"]) * 1000, n)) if line["ddd"] else [None] * n
        else:
            packages = [1000 * writer.rng.randrange(1, 4) for _ in range(n)]
            ddd = [None] * n
        for index in range(n):
            writer.row(year, line["atc_code"], substance, pool[used % len(pool)], species, packages[index],
                       ddd[index], True, marker if index == 0 else "")
            used += 1
    # The long tail: smaller unregistered medicines, each well below the table's last line.
    for group in range(tail_groups):
        atc = f"{'Q' if not human else ''}V99{chr(65 + group // 100 % 26)}{group % 100:02d}"
        n = writer.rng.randrange(1, max(2, min(floor // 4, 400)))
        for index in range(n):
            writer.row(year, atc, f"Hale {group}", pool[used % len(pool)], species, 1000, None if index % 3 else 500,
                       True, "")
            used += 1
    if used < len(pool):
        raise SystemExit(f"{year} {species}: {used} rows cannot use {len(pool)} product numbers")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--rows", type=int, default=0, help="rows in all (at least what the tables need)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--wide", action="store_true",
                        help="fill with unregistered rows of many distinct codes: 300,000 ATC codes, 40,000 product "
                             "numbers, about a million patients (bench/report's wide extract)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    opener = gzip.open if args.out.endswith(".gz") else open
    with opener(args.out, "wt", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = Writer(handle, rng)
        for year in (2024, 2023):
            write_table(writer, year, "human", tail_groups=600)
            write_table(writer, year, "animal", tail_groups=80)
        # Registered dispensings of any year, ATC codes of the tables among them: they must never count.
        registered = [l["atc_code"] for l in table(2024, "human")] + ["N02BE01", "C09AA05", "QJ01CA04"]
        while args.wide and writer.rows < args.rows:
            # Many distinct codes: cost must not grow with them. Their first letters are none of the ATC groups',
            # so they never meet a real code (whose first substance DuckDB's first() might not keep). Every 97th
            # name needs quoting.
            code = rng.randrange(300_000)
            atc = f"{'EFIKOTUWXYZ'[code % 11]}{code // 11 % 100:02d}{chr(65 + code // 1100 % 26)}" \
                  f"{chr(65 + code // 28600 % 11)}{code % 97:02d}"
            substance = quote(f"Stoff {code}, «{code % 7}»") if code % 97 == 0 else f"Stoff {code}"
            writer.row(rng.randrange(2022, 2025), atc, substance, f"{100000 + rng.randrange(40_000)}", "human",
                       500 * rng.randrange(1, 9), None if code % 5 == 0 else 1000 * rng.randrange(0, 60),
                       rng.random() < 0.8, "shortage" if code % 11 == 0 else "",
                       patient=f"w{rng.randrange(1_000_000)}")
        while writer.rows < args.rows:
            atc = rng.choice(registered)
            species = "animal" if atc.startswith("Q") else "human"
            writer.row(rng.randrange(2019, 2025), atc, "Registrert", f"{rng.randrange(500000, 999999)}", species,
                       1000 * rng.randrange(1, 5), 1000 * rng.randrange(0, 90), False, "")
        writer.flush()
    print(f"generate_extract: wrote {writer.rows} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
