#!/usr/bin/env python3
"""Writes a synthetic FEST file (M30, eResept v2.5 shape) of about the real one's size, for bench/fest.

The real fest251.xml is about 118 MB; most of it is packages, products, refund groups and interactions. This file
has the same catalogues and element shapes as the fixtures in Tests/Fixtures/fest/ and, like them, validates against
the M30 schema (ER-M30-2014-12-01.xsd; `xmllint --schema`): 20 000 products (one in ten
needing an approval exemption, with TypeSoknadSlv 2 or 3), two packages each (some deregistered or temporarily
unavailable), blue-prescription and H-prescription refund groups, conditions, and interactions that Tilgang
reads past, up to the target size. Deterministic for a given seed.

Usage: generate_fest.py OUT [--megabytes 118] [--products 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random

M30 = "http://www.kith.no/xmlstds/eresept/m30/2014-12-01"
F = "http://www.kith.no/xmlstds/eresept/forskrivning/2014-12-01"
FORMS = [("53", "Tablett"), ("8", "Kapsel"), ("34", "Mikstur"), ("20", "Injeksjonsvæske, oppløsning"),
         ("40", "Nesespray"), ("60", "Krem")]


def uid(kind: str, n: int) -> str:
    return f"ID_{kind}-{n:08d}-4AAA-9001-{n:012d}"


def oppf(kind: str, n: int, status: str = "A") -> str:
    dn = "Aktiv oppføring" if status == "A" else "Utgått oppføring"
    return (f"<Id>ID_OPPF-{kind}-{n:08d}</Id><Tidspunkt>2026-10-01T03:00:00</Tidspunkt>"
            f"<Status V=\"{status}\" DN=\"{dn}\" />")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--megabytes", type=int, default=118)
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    target = args.megabytes * 1024 * 1024
    substances = 3000
    groups = 800
    written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        def w(text: str) -> None:
            nonlocal written
            out.write(text)
            written += len(text.encode("utf-8"))

        w(f'<?xml version="1.0" encoding="utf-8"?>\n<FEST xmlns="{M30}">\n<HentetDato>2026-11-15T03:00:00</HentetDato>\n')
        w("<KatLegemiddelMerkevare>\n")
        for n in range(args.products):
            unregistered = n % 10 == 0
            form_v, form_dn = FORMS[n % len(FORMS)]
            atc = f"{'ABCDGHJLMNPRS'[n % 13]}{n % 90 + 10:02d}{'ABCDEFGH'[n % 8]}{'ABCDEFGH'[(n // 8) % 8]}{n % 99 + 1:02d}"
            extra = ""
            if unregistered:
                extra = ('<RefVilkar>ID_VILKAR-34</RefVilkar><Preparattype V="11" DN="Krever godkj. Fritak" />'
                         f'<TypeSoknadSlv V="{2 + n % 2}" DN="Søknadstype" />')
            else:
                extra = '<Preparattype V="7" DN="Legemiddel" />'
            w(f"<OppfLegemiddelMerkevare>{oppf('M', n, 'U' if n % 97 == 0 else 'A')}"
              f'<LegemiddelMerkevare xmlns="{F}">'
              f'<Atc V="{atc}" S="2.16.578.1.12.4.1.1.7180" DN="Virkestoff {n % substances}" />'
              f"<NavnFormStyrke>Preparat {n} {form_dn.lower()} {rng.choice([5, 10, 20, 40, 100, 500])} mg</NavnFormStyrke>"
              f'<Reseptgruppe V="C" DN="Reseptgruppe C" />'
              f'<LegemiddelformKort V="{form_v}" S="2.16.578.1.12.4.1.1.7448" DN="{form_dn}" />{extra}'
              f'<AdministreringLegemiddel><Administrasjonsvei V="53" S="2.16.578.1.12.4.1.1.7477" DN="Oral bruk" />'
              "</AdministreringLegemiddel>"
              f"<Id>{uid('MV', n)}</Id><Varenavn>Preparat {n}</Varenavn>"
              f"<LegemiddelformLang>{form_dn}</LegemiddelformLang>"
              f"<SortertVirkestoffUtenStyrke><Sortering>1</Sortering><RefVirkestoff>{uid('VS', n % substances)}</RefVirkestoff>"
              "</SortertVirkestoffUtenStyrke>"
              f"<ProduktInfo><Produsent>Produsent {n % 400} AS</Produsent></ProduktInfo>"
              '<Preparatomtaleavsnitt><Avsnittoverskrift V="1" DN="Preparatomtale" /><Lenke>'
              f'<Www V="https://produktinformasjon.legemiddelsok.no/preparatomtaler/{n:08d}.pdf" /></Lenke></Preparatomtaleavsnitt>'
              f"</LegemiddelMerkevare></OppfLegemiddelMerkevare>\n")
        w("</KatLegemiddelMerkevare>\n<KatLegemiddelpakning>\n")
        for n in range(args.products * 2):
            product = n // 2
            dates = "<Markedsforingsdato>2010-01-01</Markedsforingsdato>"
            if n % 23 == 0:
                dates += "<AvregDato>2024-06-30</AvregDato>"
            elif n % 31 == 0:
                dates += "<MidlUtgattDato>2026-10-01</MidlUtgattDato>"
            refund = ""
            size = rng.choice([10, 20, 28, 30, 98, 100])
            if n % 5 == 0:
                refund = f"<Refusjon><RefRefusjonsgruppe>{uid('RG', n % groups)}</RefRefusjonsgruppe><GyldigFraDato>2015-01-01</GyldigFraDato></Refusjon>"
            w(f"<OppfLegemiddelpakning>{oppf('P', n)}<Legemiddelpakning xmlns=\"{F}\">"
              f'<Atc V="N02BE01" S="2.16.578.1.12.4.1.1.7180" DN="Virkestoff" />'
              f'<NavnFormStyrke>Preparat {product}</NavnFormStyrke><Reseptgruppe V="C" DN="Reseptgruppe C" />{refund}'
              f"<Id>{uid('PK', n)}</Id><Varenr>{100000 + n:06d}</Varenr>"
              f"<Pakningsinfo><RefLegemiddelMerkevare>{uid('MV', product)}</RefLegemiddelMerkevare>"
              f"<Pakningsstr>{size}</Pakningsstr>"
              '<EnhetPakning V="1" DN="stk" /><Pakningstype V="1" DN="Boks" />'
              f'<Mengde>{size}</Mengde><DDD V="{rng.choice([1, 2, 3])}" U="mg" /></Pakningsinfo>'
              f'<PrisVare><Type V="5" DN="AUP" /><Pris V="{rng.randint(20, 5000)}.00" U="NOK" /></PrisVare>'
              f"<Markedsforingsinfo>{dates}</Markedsforingsinfo></Legemiddelpakning></OppfLegemiddelpakning>\n")
        w("</KatLegemiddelpakning>\n<KatVirkestoff>\n")
        for n in range(substances):
            w(f"<OppfVirkestoff>{oppf('V', n)}<Virkestoff xmlns=\"{F}\"><Id>{uid('VS', n)}</Id>"
              f"<Navn>Virkestoff {n}</Navn><NavnEngelsk>Substance {n}</NavnEngelsk></Virkestoff></OppfVirkestoff>\n")
            # Real releases also list each substance with its strength, which products point at.
            w(f"<OppfVirkestoff>{oppf('VMS', n)}<VirkestoffMedStyrke xmlns=\"{F}\"><Id>{uid('VMS', n)}</Id>"
              f'<Styrke V="{10 * (n % 9 + 1)}" U="mg" /><RefVirkestoff>{uid("VS", n)}</RefVirkestoff>'
              '<Styrkeoperator V="1" DN="Lik" /></VirkestoffMedStyrke></OppfVirkestoff>\n')
        w("</KatVirkestoff>\n<KatRefusjon>\n")
        for n in range(groups):
            h = n % 4 == 0
            codes = "" if h else "".join(
                f'<Refusjonskode><Refusjonskode V="E{10 + k}" S="2.16.578.1.12.4.1.1.7110" DN="Kode {k}" />'
                f"<GyldigFraDato>2010-01-01</GyldigFraDato></Refusjonskode>"
                for k in range(3))
            w(f"<OppfRefusjon>{oppf('R', n)}<Refusjonshjemmel>"
              f'<Refusjonshjemmel V="{900 if h else 200}" S="2.16.578.1.12.4.1.1.7427" DN="Hjemmel" />'
              "<KreverVarekobling>false</KreverVarekobling><KreverVedtak>false</KreverVedtak>"
              f"<Refusjonsgruppe><Id>{uid('RG', n)}</Id><GruppeNr V=\"{n}\" DN=\"Gruppe {n}\" /><KreverRefusjonskode>{'false' if h else 'true'}</KreverRefusjonskode>"
              f"{codes}</Refusjonsgruppe></Refusjonshjemmel></OppfRefusjon>\n")
        w("</KatRefusjon>\n<KatVilkar>\n")
        w(f"<OppfVilkar>{oppf('VK', 34)}<Vilkar><Id>ID_VILKAR-34</Id><VilkarNr>34</VilkarNr>"
          '<Gruppe V="1" DN="Forskrivning" /><GjelderFor V="1" DN="Legemiddel" />'
          "<Tekst>Legemiddelet har ikke markedsføringstillatelse i Norge.</Tekst></Vilkar></OppfVilkar>\n")
        w("</KatVilkar>\n<KatInteraksjon>\n")
        n = 0
        closing = "</KatInteraksjon>\n</FEST>\n"
        while written + 2000 < target - len(closing):
            w(f"<OppfInteraksjon>{oppf('IA', n)}<Interaksjon><Id>{uid('IA', n)}</Id>"
              f'<Relevans V="{1 + n % 3}" DN="Relevans" /><KliniskKonsekvens>Økt effekt &amp; risiko for bivirkninger '
              f"ved samtidig bruk ({n}).</KliniskKonsekvens><Interaksjonsmekanisme>Hemmer metabolismen via CYP3A4.</Interaksjonsmekanisme>"
              '<Kildegrunnlag V="4" DN="Kasuistikk" />'
              f"<Substansgruppe><Substans><Substans>Virkestoff {n % substances}</Substans><Atc V=\"N02BE01\" DN=\"x\" /></Substans></Substansgruppe>"
              f"<Substansgruppe><Substans><Substans>Virkestoff {(n * 7) % substances}</Substans><Atc V=\"C01AA05\" DN=\"y\" /></Substans></Substansgruppe>"
              f"</Interaksjon></OppfInteraksjon>\n")
            n += 1
        w(closing)
    print(f"{args.out}: {written / 1048576:.1f} MB, {args.products} products, {args.products * 2} packages, {n} interactions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
