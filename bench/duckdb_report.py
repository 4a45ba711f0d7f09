#!/usr/bin/env python3
"""The same table as `tilgang report --format csv`, computed by DuckDB from the same extract (for bench/report).

Usage: duckdb_report.py EXTRACT YEAR SPECIES TOP
"""

import sys
from decimal import ROUND_HALF_UP, Decimal

import duckdb

path, year, species, top = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
order = "packages_sum DESC" if species == "human" else "dispensings DESC"
con = duckdb.connect()
rows = con.execute(
    f"""
    WITH d AS (
        SELECT * FROM read_csv(?, header = true, quote = '"', escape = '"', all_varchar = true)
        WHERE year = ? AND species = ? AND unregistered = '1'
    )
    SELECT atc_code, first(substance) AS substance, count(*) AS dispensings,
           sum(CAST(packages AS DECIMAL(18,3))) AS packages_sum,
           sum(CAST(NULLIF(ddd, '') AS DECIMAL(18,3))) AS ddd_sum,
           CASE WHEN bool_or(marker = 'deregistered') THEN 'deregistered'
                WHEN bool_or(marker = 'shortage') THEN 'shortage' ELSE '' END AS marker
    FROM d GROUP BY atc_code ORDER BY {order}, atc_code LIMIT ?
    """,
    [path, str(year), species, top],
).fetchall()


def whole(value):
    """Half-up rounding to a whole number, as `tilgang report`."""
    return "" if value is None else str(int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def field(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text


out = ["atc_code,substance,dispensings,packages,ddd,marker"]
for atc, substance, dispensings, packages, ddd, marker in rows:
    out.append(f"{atc},{field(substance)},{dispensings},{whole(packages)},{whole(ddd)},{marker}")
sys.stdout.write("\n".join(out) + "\n")
