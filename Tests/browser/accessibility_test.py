#!/usr/bin/env python3
"""WCAG 2.1 AA with axe-core on every page, as every role, in headless Chromium.

Usage:
    accessibility_test.py --base-url URL [--axe-js PATH]

First the data the pages need is made through the pages and the API (cases in several states with
assessments, an attachment and an edit in the history; an exemption refused by DMP; compassionate-use cases; a
shortage; a stand-in; a FEST import job). Then every entry of PAGES is opened as its user and axe-core
(scripts/axe-up: axe-core 4.12.1 from the axe-playwright-python wheel on PyPI) checks the document with the
rules tagged wcag2a, wcag2aa, wcag21a and wcag21aa. Every violation is printed with its rule, impact, page and
the offending node's target; the test fails on any. On every page each field error (`.field-error`) must also be
tied to its field (WCAG 1.3.1 and 3.3.1, which axe does not check): a unique id, and a control with
aria-invalid="true" whose aria-describedby names it.

To check a new page, add a row to PAGES: (username or None for signed out, a path — `{name}` is filled from the
data made first — or a function that leaves the browser on the page, and what the page is).

Exits 0 when no page has a violation, 1 otherwise (screenshot of a failed step in /tmp/tilgang-a11y.png), 2 when
the browser cannot start.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Callable, Union

from approval_chain_test import long_text, new_application
from attachments_test import attach, pdf_bytes, write_temp
from browserkit import PASSWORD, By, CheckFailed, check, run
from compassionate_use_test import new_case as new_cu_case
from exemption_test import fill_application, oslo_today, valid_nin
from fest_upload_test import refresh as refresh_fest_job
from smoke_test import fill_scenario

SCREENSHOT = "/tmp/tilgang-a11y.png"
ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MISSING = "00000000-0000-4000-8000-000000000000"
SHORTAGE_MEDICINE = "benzylpenicillin-1g"


# ---------------------------------------------------------------------------------------------------------------
# The pages. A target is a path (formatted with the data made by `make_data`) or a function (browser, data) that
# leaves the browser on the page to check.

Target = Union[str, Callable[..., None]]


@dataclass(frozen=True)
class Visit:
    user: str | None  # None: signed out
    target: Target
    what: str


def sign_in_with_error(b, data) -> None:
    b.open("/logg-inn", "username")
    b.type("username", "si-lege")
    b.type("password", "feil-passord")
    b.submit("login-button", "username")


def pathway_with_error(b, data) -> None:
    b.open("/ordning", "pathway-form")
    b.choose("medicineId", "bedrocan-urtete")
    b.submit("decide-button", "indication-error")


def new_case_with_errors(b, data) -> None:
    b.open("/saker/ny", "case-form")
    b.type("patientNIN", "12345678901")
    b.submit("save-case", "patientNIN-error")


def new_group_case_with_errors(b, data) -> None:
    b.open("/saker/ny?type=group", "case-form")
    b.submit("save-case", "case-form")


def edit_with_error(b, data) -> None:
    b.open(data["returned"] + "/rediger", "case-form")
    b.type("dosage", "")
    b.type("justification", long_text("Begrunnelse som ikke må gå tapt", 2200))
    b.submit("save-case", "case-form")


def revise_form(b, data) -> None:
    b.driver.get(b.base_url + data["refused"])
    b.submit("do-revise", "case-form")


def case_action_with_error(b, data) -> None:
    """The committee's recommendation naming no member: the case page with the server's error and the text kept."""
    b.driver.get(b.base_url + data["committee"])
    b.tick("kind-recommend_approval")
    b.type("assessment-assess", long_text("Anbefaling uten medlemmer", 1200))
    b.submit("do-assess", "case-state")


def users_with_error(b, data) -> None:
    b.open("/admin/brukere", "user-form")
    b.type("username", "x")
    b.submit("create-user", "user-form")


def access_log_result(b, data) -> None:
    b.open("/innsyn", "access-form")
    b.type("patientNIN", data["nin"])
    b.submit("access-button", "access-log")


def access_log_error(b, data) -> None:
    b.open("/innsyn", "access-form")
    b.type("patientNIN", "123")
    b.submit("access-button", "patientNIN-error")


def access_request_with_error(b, data) -> None:
    b.open("/tidligere-soknader", "request-form")
    b.type("patientNIN", data["nin"])
    b.submit("request-button", "request-errors")


def access_request_sent(b, data) -> None:
    b.open("/tidligere-soknader", "request-form")
    b.type("patientNIN", data["nin"])
    b.type("reason", "Pasienten er overført fra Hamar; tidligere søknader om ærlig vurdert behandling trengs. " * 20)
    b.submit("request-button", "access-message")


def stand_in_error(b, data) -> None:
    b.open("/min-side", "substitute-form")
    b.type("substituteUsername", "finnes-ikke")
    b.type("from", "99.99.9999")
    b.submit("substitute-button", "main")


def api_key(b, data) -> None:
    b.open("/min-side", "api-key-button")
    b.submit("api-key-button", "main")


def exemption_with_error(b, data) -> None:
    fill_application(b, "bedrocan-urtete", "G89.2")
    b.submit("send-exemption", "medicineId-error")


def exemption_search(b, data) -> None:
    b.open("/fritak?liste=all", "exemption-list")
    b.type("q", data["exemption_reference"])
    b.submit("exemption-search-button", "exemption-list")


def exemption_decision_error(b, data) -> None:
    """The officer's refusal without reasons: the decision form with its error."""
    b.driver.get(b.base_url + data["exemption_assessed"])
    b.submit("do-refuse", "exemption-state")


def department_list_search(b, data) -> None:
    b.open("/fritak/avdelingslister", "department-list-form")
    b.type("q", "prednisolon")
    b.submit("search-catalogue", "department-list-form")


def department_list_with_errors(b, data) -> None:
    b.open("/fritak/avdelingslister", "department-list-form")
    b.submit("save-list", "error-summary")


def deviation_with_errors(b, data) -> None:
    b.open("/avvik", "deviation-form")
    b.submit("report-deviation", "deviation-form")


def stock_with_errors(b, data) -> None:
    b.open("/beredskap/lager", "stock-form")
    b.type("stock-quantity", "-1")
    b.submit("save-stock", "stock-errors")


def cu_new_with_errors(b, data) -> None:
    b.open("/cu/ny?type=cunp", "cu-form")
    b.submit("save-cu", "cu-form")


def statistics_table(b, data) -> None:
    b.open("/statistikk", "statistics-form")
    b.choose("year", "2024")
    b.choose("species", "human")
    b.submit("show-statistics", "statistics-form")


def shortage_with_errors(b, data) -> None:
    b.open("/beredskap/mangler/ny", "shortage-form")
    b.choose("medicineId", SHORTAGE_MEDICINE)
    b.type("start", "01.01.0001")
    b.submit("save-shortage", "error-start")


PAGES: list[Visit] = [
    # Signed out
    Visit(None, "/logg-inn", "sign-in page"),
    Visit(None, sign_in_with_error, "sign-in page with a wrong password"),
    Visit(None, "/ordning", "route page"),
    Visit(None, "/ordning?q=mabthera", "route page, medicine search"),
    Visit(None, pathway_with_error, "route page with a validation error"),
    Visit(None, "/statistikk", "statistics"),
    Visit(None, "/finnes-ikke", "404 page"),
    # Physician
    Visit("si-lege", "/", "front page"),
    Visit("si-lege", "{pathway_decision}", "route page with a decision"),
    Visit("si-lege", "/saker?liste=todo", "work list «Til meg»"),
    Visit("si-lege", "/saker?liste=mine&sorter=case_number", "own cases sorted by number"),
    Visit("si-lege", "/saker?liste=all&sorter=waiting", "all cases, waited longest first"),
    Visit("si-lege", "/saker?liste=all&q=finnes-ikke-7x", "empty work list"),
    Visit("si-lege", "/saker?liste=all&fra=99.99.9999", "work list with a search error"),
    Visit("si-lege", new_case_with_errors, "new application with an invalid identity number"),
    Visit("si-lege", new_group_case_with_errors, "new group application, empty, with errors"),
    Visit("si-lege", "{draft}", "draft with an attachment"),
    Visit("si-lege", "{returned}", "case returned to the applicant"),
    Visit("si-lege", edit_with_error, "edit form with a validation error"),
    Visit("si-lege", "{approved}", "approved case with guidance, assessments and history"),
    Visit("si-lege", revise_form, "revision of a refused case"),
    Visit("si-lege", "{approved}/arkiv", "the approved case's archive copy"),
    Visit("si-lege", "/saker/papirskjema", "paper form"),
    Visit("si-lege", "/varsler", "notices"),
    Visit("si-lege", "/min-side", "Min side"),
    Visit("si-lege", api_key, "Min side with a new API key"),
    Visit("si-lege", "/cu", "compassionate use list"),
    Visit("si-lege", "/cu/ny?type=cunp", "new CUNP case"),
    Visit("si-lege", cu_new_with_errors, "new CUNP case with errors"),
    Visit("si-lege", "{cunp}", "CUNP case"),
    Visit("si-lege", "{cup}", "CUP case"),
    Visit("si-lege", "{cunp}/produsentsoknad", "application to the manufacturer"),
    Visit("si-lege", "/cu/register", "CU register"),
    Visit("si-lege", "/avvik", "deviations"),
    Visit("si-lege", deviation_with_errors, "deviation report with errors"),
    Visit("si-lege", "/fritak", "exemptions, applicant's list"),
    Visit("si-lege", "/fritak/ny", "new exemption"),
    Visit("si-lege", "/fritak/avdelingslister", "department lists"),
    Visit("si-lege", "/admin/brukere", "403 page"),
    Visit("si-lege", f"/saker/{MISSING}", "404 page, signed in"),
    # The chain
    Visit("si-avdelingsleder", "/saker?liste=todo", "department head's «Til meg»"),
    Visit("si-avdelingsleder", "{submitted}", "case awaiting the department head's assessment"),
    Visit("si-avdelingsleder", "/varsler", "department head's notices"),
    Visit("si-avdelingsleder", "/min-side", "Min side with a stand-in"),
    Visit("si-avdelingsleder", stand_in_error, "stand-in form with an error"),
    Visit("si-seksjonsoverlege", "/saker?liste=todo", "section chief's «Til meg»"),
    Visit("si-divisjonsdirektor", "{division}", "case awaiting the division director's priority"),
    Visit("si-komite", "{committee}", "case awaiting the committee"),
    Visit("si-komite", case_action_with_error, "committee's recommendation naming no member"),
    Visit("si-direktor", "{director}", "case awaiting the medical director's decision"),
    Visit("si-direktor", "/saker?liste=todo", "medical director's «Til meg»"),
    Visit("hb-direktor", "/saker?liste=todo", "partner trust's director"),
    Visit("si-niva2", "{cup}", "CUP case for the level-2 leader"),
    Visit("si-farmasoyt", "{cup}", "CUP case for the hospital pharmacist"),
    Visit("si-farmasoyt", "/beredskap", "preparedness, pharmacist"),
    Visit("si-farmasoyt", "/fritak/notifisering", "notification form"),
    Visit("si-farmasoyt", "/fritak/avdelingslister", "department lists with a list to sign"),
    Visit("si-farmasoyt", department_list_search, "department list, catalogue search"),
    Visit("si-farmasoyt", department_list_with_errors, "department list with errors"),
    Visit("si-seksjonsoverlege", "/fritak/avdelingslister", "department list for the section chief to sign"),
    # Trust administrator
    Visit("si-admin", "/admin/brukere", "user administration"),
    Visit("si-admin", users_with_error, "new user with errors"),
    Visit("si-admin", "/innsyn", "access log"),
    Visit("si-admin", access_log_result, "access log with a result"),
    Visit("si-admin", access_log_error, "access log with an error"),
    Visit("si-admin", "/admin/fest", "FEST upload"),
    # Access to earlier applications (BAT)
    Visit("si-lege", "/tidligere-soknader", "access requests, the physician's page"),
    Visit("si-lege", access_request_with_error, "access request without a reason"),
    Visit("si-lege", access_request_sent, "access request sent"),
    Visit("si-avdelingsleder", "/tidligere-soknader", "access requests waiting for the department head"),
    Visit("si-admin", "{fest_job}", "FEST import job"),
    # DMP's exemption desk
    Visit("dmp-saksbehandler", "/fritak", "exemption queue"),
    Visit("dmp-saksbehandler", "{exemption_submitted}", "submitted exemption with the assessment form"),
    Visit("dmp-saksbehandler", "/fritak?liste=all", "all exemptions"),
    Visit("dmp-saksbehandler", exemption_search, "exemption search"),
    Visit("dmp-saksbehandler", "{exemption_assessed}", "assessed exemption with the decision forms"),
    Visit("dmp-saksbehandler", exemption_decision_error, "refusal without reasons"),
    Visit("dmp-saksbehandler", "{exemption_refused}", "refused exemption"),
    Visit("dmp-saksbehandler", "{exemption_refused}/vedtak", "decision letter"),
    Visit("dmp-saksbehandler", "/statistikk", "statistics, signed in"),
    Visit("dmp-saksbehandler", "/beredskap", "preparedness, read only"),
    # General practitioner, dentist, vet
    Visit("fastlege", "/fritak", "GP's exemptions"),
    Visit("fastlege", "/fritak/ny", "GP's new exemption"),
    Visit("fastlege", exemption_with_error, "exemption refused by R11 at its field"),
    Visit("fastlege", "{exemption_refused}", "the GP's refused exemption with the appeal form"),
    Visit("tannlege", "/fritak/ny", "dentist's new exemption"),
    Visit("veterinaer", "/fritak/ny", "vet's new exemption"),
    Visit("veterinaer", "/saker", "vet's cases"),
    # Statistics and preparedness
    Visit(None, statistics_table, "statistics table and chart"),
    Visit(None, "/statistikk?year=2024&species=human", "followed medicines"),
    Visit(None, "/statistikk?year=2024&species=animal", "followed medicines, animals"),
    Visit(None, "/statistikk?year=2024&species=human&atc=N05", "statistics filtered by ATC"),
    Visit(None, "/statistikk?year=2024&species=human&atc=Z99", "statistics, nothing found"),
    Visit(None, "/statistikk?year=2024&species=human&atc=%C3%B8", "statistics with an error"),
    Visit("beredskap-analytiker", "/beredskap", "preparedness dashboard"),
    Visit("beredskap-analytiker", f"/beredskap/legemidler/{SHORTAGE_MEDICINE}", "critical medicine"),
    Visit("beredskap-analytiker", "/beredskap/vekter", "weights"),
    Visit("beredskap-analytiker", "/beredskap/steder", "production sites"),
    Visit("beredskap-analytiker", "{site}", "production site"),
    Visit("beredskap-analytiker", "/beredskap/lager", "stock"),
    Visit("beredskap-analytiker", stock_with_errors, "stock with errors"),
    Visit("beredskap-analytiker", "/beredskap/mangler/ny", "new shortage"),
    Visit("beredskap-analytiker", shortage_with_errors, "new shortage with errors"),
    Visit("beredskap-analytiker", "{shortage}", "shortage"),
]


# ---------------------------------------------------------------------------------------------------------------
# The data the pages need


def api(base: str, method: str, path: str, body: object | None = None, token: str | None = None,
        version: int | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if version is not None:
        headers["If-Match"] = f'"{version}"'
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + "/api/v1" + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise CheckFailed(f"{method} {path}: {error.code} {error.read()[:300]!r}") from error


class Chain:
    """Cases taken along the approval chain through the API (what the pages then show)."""

    STEPS = [
        ("submit", "lege", {}),
        ("assess", "avdelingsleder", {"assessmentKind": "recommend_approval",
                                      "assessment": long_text("Faglig vurdering", 1800)}),
        ("assess", "divisjonsdirektor", {"assessmentKind": "recommend_approval", "benefit": "Stor nytte",
                                         "resourceUse": "ca. 60 000 kr per år", "severity": "Alvorlig"}),
        ("assess", "komite", {"assessmentKind": "recommend_approval", "assessment": long_text("Komiteen", 1500)}),
        ("approve", "direktor", {"comment": long_text("Vedtak", 900)}),
    ]

    def __init__(self, base: str) -> None:
        self.base = base
        self.tokens: dict[str, str] = {}

    def token(self, username: str) -> str:
        if username not in self.tokens:
            answer = api(self.base, "POST", "/auth/token", {"username": username, "password": PASSWORD})
            self.tokens[username] = answer["token"]
        return self.tokens[username]

    def create(self, nin: str) -> dict:
        body = {
            "kind": "individual", "patientTrust": "SI", "patientNIN": nin, "medicineId": "mabthera-500mg",
            "indication": "G35", "dosage": "1000 mg x 2 med 2 ukers mellomrom", "treatmentDuration": "12 måneder",
            "justification": long_text("Begrunnelse", 1600), "alternatives": "Ocrelizumab er prøvd; bivirkninger",
            "expectedBenefit": "Færre attakker", "costEstimate": "ca. 60 000 kr per år", "patientInformed": True,
        }
        return api(self.base, "POST", "/cases", body, self.token("si-lege"))

    def act(self, case: dict, username: str, action: str, fields: dict) -> dict:
        if fields.get("assessmentKind") and username.endswith("komite"):
            me = api(self.base, "GET", "/me", token=self.token(username))
            fields = {**fields, "members": [me["id"]]}
        return api(self.base, "POST", f"/cases/{case['id']}/actions", {"action": action, **fields},
                   self.token(username), case["version"])

    def case_at(self, nin: str, steps: int) -> str:
        """A new case taken `steps` steps along the chain; returns its page's path."""
        case = self.create(nin)
        for action, role, fields in self.STEPS[:steps]:
            case = self.act(case, f"si-{role}", action, fields)
        return f"/saker/{case['id']}"

    def returned(self, nin: str) -> str:
        case = self.create(nin)
        case = self.act(case, "si-lege", "submit", {})
        self.act(case, "si-avdelingsleder", "return_to_applicant", {"comment": "Legg ved MR-funn – særlig ørene."})
        return f"/saker/{case['id']}"

    def refused(self, nin: str) -> str:
        case = self.create(nin)
        for action, role, fields in self.STEPS[:4]:
            case = self.act(case, f"si-{role}", action, fields)
        self.act(case, "si-direktor", "refuse", {"comment": "Nytten står ikke i forhold til kostnaden."})
        return f"/saker/{case['id']}"


def make_data(b) -> dict[str, str]:
    print("Making the data the pages show", flush=True)
    chain = Chain(b.base_url)
    nin = valid_nin("190566")
    data: dict[str, str] = {"nin": nin}
    data["submitted"] = chain.case_at(nin, 1)
    data["division"] = chain.case_at(valid_nin("200566"), 2)
    data["committee"] = chain.case_at(valid_nin("210566"), 3)
    data["director"] = chain.case_at(valid_nin("220566"), 4)
    data["approved"] = chain.case_at(nin, 5)
    data["refused"] = chain.refused(valid_nin("230566"))
    data["returned"] = chain.returned(valid_nin("240566"))
    check(True, "cases in every step of the chain, approved, refused and returned (API)")

    b.sign_in("si-lege")
    # The returned case amended once, so its history shows a change, and a draft with an attachment.
    b.open(data["returned"] + "/rediger", "case-form")
    b.type("dosage", "500 mg x 2 med 2 ukers mellomrom, deretter hver 6. måned")
    b.submit("save-case", "case-state")
    new_application(b, "individual", "SI", valid_nin("250566"))
    attach(b, "literature", write_temp("Litteratur æøå.pdf", pdf_bytes()), "attachment-list")
    data["draft"] = b.driver.current_url.replace(b.base_url, "")
    b.open("/ordning", "pathway-form")
    data["pathway_decision"] = pathway_decision_path(b)
    b.sign_out()
    check(True, "an amended case, a draft with an attachment and a route decision")

    data["cunp"] = new_cu_case(b, "cunp", "demo-cunp-kort-avtale", valid_nin("260566")).replace(b.base_url, "")
    data["cup"] = new_cu_case(b, "cup", "demo-cup-cu-liste", valid_nin("270566")).replace(b.base_url, "")

    b.sign_in("fastlege")
    fill_application(b, "prednisolon-mikstur-in", "J45.9")
    b.submit("send-exemption", "exemption-state")
    data["exemption_submitted"] = b.driver.current_url.replace(b.base_url, "")
    fill_application(b, "prednisolon-mikstur-in", "J45.9")
    b.submit("send-exemption", "exemption-state")
    submitted = b.driver.current_url.replace(b.base_url, "")
    fill_application(b, "prednisolon-mikstur-in", "J45.9")
    b.submit("send-exemption", "exemption-state")
    refused = b.driver.current_url.replace(b.base_url, "")
    data["exemption_reference"] = b.text("exemption-reference")
    b.sign_out()
    b.sign_in("dmp-saksbehandler")
    for url in (submitted, refused):
        b.driver.get(b.base_url + url)
        for field, text in [("professionalSoundness", "Forsvarlig vurdert mot barnets situasjon."),
                            ("documentationLevel", "Godkjent i India"), ("risk", "Lav"),
                            ("alternatives", "Knuste tabletter i vann"), ("followUpAbility", "Fastlegen følger opp")]:
            b.type(field, text)
        b.submit("do-assess", "exemption-state")
    b.type("reasons-refuse", "Tablettene kan knuses og gis i vann; det er et forsvarlig alternativ for barnet.")
    b.submit("do-refuse", "exemption-state")
    b.sign_out()
    data["exemption_assessed"], data["exemption_refused"] = submitted, refused

    b.sign_in("si-avdelingsleder")
    b.open("/min-side", "substitute-form")
    b.type("substituteUsername", "si-seksjonsoverlege")
    b.type("from", today())
    b.type("to", today())
    b.submit("substitute-button", "standins")
    b.sign_out()

    b.sign_in("si-farmasoyt")
    b.open("/fritak/avdelingslister", "department-list-form")
    year = oslo_today().year + 1
    b.choose("departmentCode", "SI-MED")
    b.type("year", str(year))
    b.type("lines", "prednisolon-mikstur-in; J45.9; 20 flasker à 100 ml; Barn som ikke kan svelge tabletter – æøå")
    # One list per department and year: on a second run the list is there already and this one is refused.
    b.submit("save-list", "department-list-form")
    b.find(f"list-SI-MED-{year}")
    b.sign_out()

    b.sign_in("beredskap-analytiker")
    b.open("/beredskap/mangler/ny", "shortage-form")
    b.choose("medicineId", SHORTAGE_MEDICINE)
    b.type("start", "01.11.2026")
    b.type("expectedEnd", "31.01.2027")
    b.type("note", "Leverandøren melder forsinkelse på grunn av produksjonsstans – æøå.")
    b.submit("save-shortage", "shortage-status")
    data["shortage"] = b.driver.current_url.replace(b.base_url, "")
    b.open("/beredskap/steder", "main")
    sites = b.driver.find_elements(By.CSS_SELECTOR, "main a[href^='/beredskap/steder/']")
    data["site"] = sites[0].get_attribute("href").replace(b.base_url, "") if sites else "/beredskap/steder"
    b.sign_out()

    b.sign_in("si-admin")
    b.open("/admin/fest", "fest-form")
    b.find("fest").send_keys(str(ROOT / "Tests/Fixtures/fest/fest-release-1.xml"))
    b.submit("fest-upload", "fest-phase")
    # The job page does not reload itself: follow «Oppdater status» until the import is done (fest_upload_test).
    b.wait().until(lambda _: b.driver.find_elements(By.ID, "fest-result") or refresh_fest_job(b))
    data["fest_job"] = b.driver.current_url.replace(b.base_url, "")
    b.sign_out()
    check(True, "CU cases, exemptions (one refused), a stand-in, a department list, a shortage and a FEST job")
    return data


def today() -> str:
    return oslo_today().strftime("%d.%m.%Y")


def pathway_decision_path(b) -> str:
    b.choose("medicineId", "bedrocan-urtete")
    fill_scenario(b, "G89.2")
    b.submit("decide-button", "decision")
    return b.driver.current_url.replace(b.base_url, "")


# ---------------------------------------------------------------------------------------------------------------
# axe-core


def axe_source(path: str | None) -> str:
    if not path:
        path = subprocess.run([sys.executable, str(ROOT / "scripts/axe-up")], check=True, capture_output=True,
                              text=True).stdout.strip()
    return pathlib.Path(path).read_text(encoding="utf-8")


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(result => done(result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 160), summary: n.failureSummary}))}))))
  .catch(error => done({error: String(error)}));
"""


def audit(b, axe: str) -> list[dict]:
    b.driver.set_script_timeout(60)
    b.driver.execute_script(axe)
    result = b.driver.execute_async_script(AXE_RUN, TAGS)
    if isinstance(result, dict) and "error" in result:
        raise CheckFailed(f"axe-core failed: {result['error']}")
    return result


# Broken on purpose: an image without a text alternative, a field without a label and text too pale to read.
BROKEN = """
const probe = document.createElement('div');
probe.id = 'axe-probe';
probe.innerHTML = '<img src="/css/site.css"><input type="text" id="axe-probe-input">'
  + '<p id="axe-probe-text">Lys grå tekst</p>';
document.querySelector('main').appendChild(probe);
// Through the CSSOM: the site's Content-Security-Policy refuses style attributes in markup.
document.getElementById('axe-probe-text').style.color = '#ccc';
"""


def axe_finds_faults(b, axe: str) -> None:
    """axe-core runs and reports: the sign-in page with three faults added must show those three rules."""
    b.open("/logg-inn", "username")
    b.driver.execute_script(BROKEN)
    rules = {violation["id"] for violation in audit(b, axe)}
    check({"image-alt", "label", "color-contrast"} <= rules,
          f"axe-core reports faults put in on purpose ({sorted(rules)})")


# A field error (WCAG 1.3.1 Info and Relationships, 3.3.1 Error Identification) is tied to its field when it has
# an id found once on the page and a control (input, select, textarea) has aria-invalid="true" and names that id in
# aria-describedby; then a screen reader reads the error with the field. Messages styled as field errors that
# belong to no field are listed here: the access request's note that the form was not sent (each field's own error
# is tied), and the note that the signed-in user is not in the HPR register (nothing to type).
NOT_FIELD_ERRORS = {"request-errors", "not-registered"}

FIELD_ERRORS = """
const controls = [...document.querySelectorAll('input, select, textarea')];
return [...document.querySelectorAll('.field-error')].map(error => ({
  id: error.id,
  text: error.textContent.trim().slice(0, 80),
  unique: !!error.id && document.querySelectorAll('[id="' + CSS.escape(error.id) + '"]').length === 1,
  tied: !!error.id && controls.some(c => c.getAttribute('aria-invalid') === 'true'
      && (c.getAttribute('aria-describedby') || '').split(/\\s+/).includes(error.id)),
}));
"""


def field_errors(b, where: str) -> tuple[int, list[str]]:
    """The field errors on the page: how many were checked, and one line for each not tied to its field."""
    errors = [e for e in b.driver.execute_script(FIELD_ERRORS) if e["id"] not in NOT_FIELD_ERRORS]
    problems = []
    for error in errors:
        if not error["id"]:
            problems.append(f"field-error-id (WCAG 1.3.1, checked here) on {where}: a field error has no id "
                            f"— {error['text']!r}")
        elif not error["unique"]:
            problems.append(f"field-error-id (WCAG 1.3.1, checked here) on {where}: the id #{error['id']} is not "
                            f"unique — {error['text']!r}")
        if error["id"] and not error["tied"]:
            problems.append(f"field-error-tied (WCAG 1.3.1, 3.3.1, checked here) on {where}: no control has "
                            f'aria-invalid="true" and aria-describedby naming #{error["id"]} — {error["text"]!r}')
    return len(errors), problems


# A field error put in on purpose, tied to no field.
UNTIED_ERROR = """
const probe = document.createElement('p');
probe.className = 'field-error';
probe.id = 'probe-error';
probe.textContent = 'Feil som ikke hører til noe felt';
document.querySelector('main').appendChild(probe);
"""


def field_error_check_finds_faults(b) -> None:
    """The field-error check reports: the sign-in page with an untied field error added must fail it."""
    b.open("/logg-inn", "username")
    b.driver.execute_script(UNTIED_ERROR)
    count, problems = field_errors(b, "sign-in page with a probe")
    check(count == 1 and len(problems) == 1 and "#probe-error" in problems[0],
          f"the field-error check reports an error put in on purpose, tied to no field ({problems})")


def visit_all(b, axe: str, data: dict[str, str], pages: list[Visit]) -> tuple[list[str], int]:
    """Opens every page as its user; returns one line per offending node (empty when all pass) and how many field
    errors were checked."""
    found: list[str] = []
    checked = 0
    user: str | None = "nobody yet"
    for visit in pages:
        if visit.user != user:
            b.sign_out()
            if visit.user:
                b.sign_in(visit.user)
            user = visit.user
        if isinstance(visit.target, str):
            b.driver.get(b.base_url + visit.target.format(**data))
            b.wait().until(lambda _: b.driver.execute_script("return document.readyState") == "complete")
        else:
            visit.target(b, data)
        where = f"{visit.what} [{visit.user or 'signed out'}, {b.driver.current_url.replace(b.base_url, '')}]"
        problems = [f"{violation['id']} ({violation['impact']}) on {where}: {' '.join(map(str, node['target']))} "
                    f"— {violation['help']}; {node['html']}"
                    for violation in audit(b, axe) for node in violation["nodes"]]
        # axe's document-title only asks for a title; WCAG 2.4.2 asks that it names the page, not only the site.
        if not b.driver.title.removesuffix("Tilgang").strip(" –"):
            problems.append(f"page-title (WCAG 2.4.2, checked here, not by axe) on {where}: "
                            f"the title {b.driver.title!r} names no page")
        count, untied = field_errors(b, where)
        problems += untied
        checked += count
        print(f"  {'ok' if not problems else f'VIOLATIONS {len(problems)}'}: {where}"
              f"{f' ({count} field errors tied to their fields)' if count and not untied else ''}"
              f"{f' ({len(untied)} of {count} field errors not tied)' if untied else ''}", flush=True)
        found += problems
    return found, checked


def journey(axe: str, only: str | None):
    def check_pages(b) -> None:
        axe_finds_faults(b, axe)
        field_error_check_finds_faults(b)
        data = make_data(b)
        pages = [p for p in PAGES if not only or only in p.what or only == (p.user or "")]
        print(f"axe-core on {len(pages)} pages ({', '.join(TAGS)}), and every field error tied to its field",
              flush=True)
        found, checked = visit_all(b, axe, data, pages)
        for line in found:
            print(f"  VIOLATION {line}", file=sys.stderr, flush=True)
        check(checked > 0 or bool(only), f"field errors were checked on the pages with errors ({checked})")
        check(not found, f"no WCAG 2.1 AA violation on {len(pages)} pages ({len(found)} found)")
    return check_pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="axe-core (WCAG 2.1 AA) on every page as every role.")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--axe-js", help="axe.min.js (default: scripts/axe-up fetches it into .build/axe)")
    parser.add_argument("--only", help="only pages whose description contains this, or of this user")
    args = parser.parse_args(argv)
    try:
        axe = axe_source(args.axe_js)
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"accessibility_test: no axe-core: {error}", file=sys.stderr)
        return 2
    return run("accessibility_test", args.base_url, [journey(axe, args.only)], SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
