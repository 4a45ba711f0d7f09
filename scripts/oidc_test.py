#!/usr/bin/env python3
"""Sign-in with HelseID end to end against a real OpenID provider (idpyoidc's OP, scripts/oidc_provider.py).

Generates Tilgang's client key pair, starts the provider and a Tilgang server (new SQLite database, demo data)
on loopback, and drives the browser's side of the authorization code flow over HTTP:

- an unknown physician signs in, states trust and department, is pending (no patient data), the trust's
  administrator approves a role (refused first while the HPR register does not know the number), and the next
  sign-in is the new user; the session id changes at sign-in; sign-out goes to the provider's end_session
- a known user (HPR number of a demo physician) signs in as that user
- refused, each with its Norwegian page: wrong audience, expired token, bad signature, missing nonce, wrong nonce,
  low security level, a replayed callback (state used up), a replayed code (the provider refuses it)
- TILGANG_LOCAL_LOGIN=0 offers only «Logg inn med HelseID» and refuses the password form
- the launch from the patient's record (docs/ehr-launch.md) with the EHR simulator (scripts/ehr_simulator.py):
  the back channel, sign-in through the provider on the way, the new application with the patient filled in
  server-side, «Pasientens søknader» on the next launch; refused: a context with a bad signature, expired, for
  another audience or issuer, too long lived, a replayed jti, a replayed launch id, a launch id from another
  browser session, another user's launch, an HPR number that is not the signed-in person's; off without
  configuration
- the server log holds no identity number from the tokens or launch contexts, and no URL carries one

Usage: oidc_test.py --binary .build/debug/tilgang [--port 18510] [--postgres]

With --postgres both Tilgang servers run on new PostgreSQL databases (scripts/postgres-fresh-db) instead of SQLite
files, and the checks read them with psql.
"""
import argparse
import base64
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptojwt.jwk.rsa import RSAKey

from ehr_simulator import EHRSimulator

CLIENT_ID = "tilgang-test-klient"
PASSWORD = "tilgang-demo"
NEW_HPR = "9144889"
NEW_PID = "13097248022"
KNOWN_PID = "04056712345"
LOW_PID = "29029600013"
BROWSER_HPR = "9144891"
BROWSER_PID = "17117612345"
EHR_ISSUER = "https://dips.sykehuset-innlandet.test"
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


def csrf(html):
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def wait_for(url, process, log):
    for _ in range(240):
        if process.poll() is not None:
            break
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    sys.stderr.write(open(log).read())
    raise SystemExit("did not start: " + url)


class Harness:
    def __init__(self, binary, port, work, postgres=False):
        self.work = work
        self.binary = binary
        self.op_port, self.port, self.local_off_port = port, port + 1, port + 2
        self.op = "http://127.0.0.1:%d" % self.op_port
        self.base = "http://127.0.0.1:%d" % self.port
        self.processes = []
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.key_file = os.path.join(work, "tilgang-client.pem")
        with open(self.key_file, "wb") as f:
            f.write(key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        jwks_file = os.path.join(work, "tilgang-client-jwks.json")
        public = RSAKey(pub_key=key.public_key(), kid="tilgang").serialize(private=False)
        with open(jwks_file, "w") as f:
            json.dump({"keys": [public]}, f)
        self.start("provider", [
            sys.executable, os.path.join(os.path.dirname(__file__), "oidc_provider.py"), "--port", str(self.op_port),
            "--client-id", CLIENT_ID, "--client-jwks", jwks_file,
            "--redirect-uri", self.base + "/logg-inn/helseid/callback",
            "--redirect-uri", "http://127.0.0.1:%d/logg-inn/helseid/callback" % self.local_off_port,
            "--state-dir", work], {})
        wait_for(self.op + "/.well-known/openid-configuration", self.processes[-1][0], self.processes[-1][1])
        if postgres:
            self.db = fresh_postgres_database("tilgang_oidc")
            off_db = fresh_postgres_database("tilgang_oidc_off")
        else:
            self.db = "sqlite://" + os.path.join(work, "tilgang.sqlite")
            off_db = "sqlite://" + os.path.join(work, "off.sqlite")
        # The EHR simulator's key; Tilgang gets its public JWKS.
        self.ehr_key = os.path.join(work, "ehr-key.pem")
        self.ehr = EHRSimulator.load(self.ehr_key, EHR_ISSUER, self.base)
        ehr_jwks = os.path.join(work, "ehr-jwks.json")
        self.ehr.write_jwks(ehr_jwks)
        self.server_log = self.start_tilgang(binary, self.port, self.db, {
            "TILGANG_EHR_ISSUER": EHR_ISSUER, "TILGANG_EHR_JWKS_FILE": ehr_jwks, "TILGANG_EHR_AUDIENCE": self.base})
        # A second server with the local password form switched off (its own database).
        self.start_tilgang(binary, self.local_off_port, off_db, {"TILGANG_LOCAL_LOGIN": "0"})

    def start(self, name, argv, env):
        log = os.path.join(self.work, name + ".log")
        process = subprocess.Popen(argv, stdout=open(log, "w"), stderr=subprocess.STDOUT, env={**os.environ, **env})
        self.processes.append((process, log))
        return log

    def start_tilgang(self, binary, port, db, extra):
        env = {
            "DATABASE_URL": db, "LOG_LEVEL": "trace",
            "TILGANG_OIDC_ISSUER": self.op, "TILGANG_OIDC_CLIENT_ID": CLIENT_ID,
            "TILGANG_OIDC_PRIVATE_KEY_FILE": self.key_file, "TILGANG_OIDC_SCOPE": "openid profile",
            "TILGANG_OIDC_REDIRECT_URI": "http://127.0.0.1:%d/logg-inn/helseid/callback" % port, **extra,
        }
        log = self.start("tilgang-%d" % port, [binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env)
        wait_for("http://127.0.0.1:%d/healthz" % port, self.processes[-1][0], log)
        return log

    def import_hpr(self, hpr, name):
        """Adds a physician to the trust's HPR register table with `tilgang import hpr`, as the trust would."""
        path = os.path.join(self.work, "hpr-%s.csv" % hpr)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("hpr_number,name,profession,specialities\n%s,%s,lege,\n" % (hpr, name))
        subprocess.run([self.binary, "import", "hpr", path], env={**os.environ, "DATABASE_URL": self.db,
                       "LOG_LEVEL": "warning"}, check=True, capture_output=True, timeout=120)

    def query(self, sql, params=()):
        """The rows of `sql` (`?` placeholders) on the main server's database; PostgreSQL answers as text."""
        if self.db.startswith("sqlite://"):
            with sqlite3.connect(self.db[len("sqlite://"):]) as db:
                return db.execute(sql, params).fetchall()
        for value in params:
            sql = sql.replace("?", "'" + str(value).replace("'", "''") + "'", 1)
        out = subprocess.run(["psql", self.db, "-X", "-q", "-At", "-F", "\t", "-c", sql], capture_output=True,
                             text=True, check=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]

    def stop(self):
        for process, _ in self.processes:
            process.terminate()
        for process, _ in self.processes:
            process.wait(timeout=10)

    def control(self, person="ny-lege", fault=None, **extra):
        response = requests.post(self.op + "/test/control", json={"person": person, "fault": fault, **extra})
        assert response.status_code == 200, response.text

    def authorize(self, session, base=None):
        """Tilgang → provider → back: returns the callback URL the provider sent the browser to."""
        start = session.get((base or self.base) + "/logg-inn/helseid", allow_redirects=False)
        assert start.status_code in (302, 303), (start.status_code, start.text[:500])
        assert start.headers["Location"].startswith(self.op + "/authorization?"), start.headers["Location"]
        for parameter in ("code_challenge_method=S256", "code_challenge=", "nonce=", "state=", "client_id="):
            assert parameter in start.headers["Location"], parameter
        at_provider = session.get(start.headers["Location"], allow_redirects=False)
        assert at_provider.status_code == 302, (at_provider.status_code, at_provider.text[:500])
        return at_provider.headers["Location"]

    def sign_in(self, session):
        return session.get(self.authorize(session), allow_redirects=False)

    def local_sign_in(self, session, username):
        page = session.get(self.base + "/logg-inn")
        response = session.post(self.base + "/logg-inn", data={
            "csrf": csrf(page.text), "username": username, "password": PASSWORD, "next": "/min-side"})
        assert response.status_code == 200 and "Min side" in response.text, response.status_code


def refused(h, name, code, text, status=401, **control):
    h.control(**control)
    session = requests.Session()
    response = h.sign_in(session)
    check(response.status_code == status and 'data-code="%s"' % code in response.text and text in response.text,
          "%s: refused with «%s» (%d)" % (name, text, response.status_code))
    me = session.get(h.base + "/min-side", allow_redirects=False)
    check(me.status_code in (302, 303), name + ": not signed in afterwards")


def valid_nin(born):
    """A national identity number with valid check digits for the birth date DDMMYY."""
    w1, w2 = [3, 7, 6, 1, 8, 9, 4, 5, 2], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

    def digit(numbers, weights):
        value = (11 - sum(n * w for n, w in zip(numbers, weights)) % 11) % 11
        return None if value == 10 else value

    for individual in range(100, 1000):
        numbers = [int(c) for c in born + str(individual)]
        first = digit(numbers, w1)
        second = None if first is None else digit(numbers + [first], w2)
        if second is not None:
            return born + str(individual) + str(first) + str(second)
    raise ValueError(born)


EHR_PATIENT = valid_nin("150385")
EHR_OTHER_PATIENT = valid_nin("020271")
EHR_BROWSER_PATIENT = valid_nin("241158")
EHR_PATIENTS = (EHR_PATIENT, EHR_OTHER_PATIENT, EHR_BROWSER_PATIENT)
JUSTIFICATION = ("Aktiv multippel sklerose med tre attakker siste år til tross for to godkjente behandlinger; MR "
                 "viser nye lesjoner. Vurdert sammen med nevrolog på Gjøvik, og pasienten og pårørende er informert "
                 "om risiko og bivirkninger før oppstart. ") * 12


def follow(h, session, url, seen):
    """The browser's side: follows redirects (Tilgang, the provider, back), collecting every location."""
    response = session.get(url, allow_redirects=False)
    seen.append(url)
    for _ in range(12):
        if response.status_code not in (301, 302, 303):
            break
        location = response.headers["Location"]
        seen.append(location)
        response = session.get(location if location.startswith("http") else h.base + location, allow_redirects=False)
    return response


def application_form(page, **extra):
    return {"csrf": csrf(page), "kind": "individual", "patientTrust": "SI", "patientInformed": "true",
            "medicineId": "mabthera-500mg", "indication": "G35", "dosage": "1000 mg x 2 med 2 ukers mellomrom",
            "treatmentDuration": "12 måneder", "justification": JUSTIFICATION,
            "alternatives": "Ocrelizumab er prøvd; bivirkninger", "expectedBenefit": "Færre attakker",
            "costEstimate": "ca. 60 000 kr per år", **extra}


def refused_page(response, code, text, status):
    return response.status_code == status and 'data-code="%s"' % code in response.text and text in response.text


def ehr_launch(h):
    seen = []
    masked = EHR_PATIENT[:6] + "*****"

    # The back channel answers an opaque id and the browser's URL, with no patient data in either.
    answer = h.ehr.post(h.ehr.context("9100000", EHR_PATIENT, "Øyvind Åsmundsen Ærø"))
    check(answer.status_code == 201 and set(answer.json()) == {"launch", "expiresAt", "launchURL"},
          "the EHR's signed context is accepted over the back channel (%d)" % answer.status_code)
    url = answer.json()["launchURL"]
    check(url.startswith(h.base + "/start?iss=") and "launch=" + answer.json()["launch"] in url,
          "the browser's URL is /start?iss=…&launch=…")

    # A physician (si-lege, HPR 9100000) opens it: sign-in through the provider on the way, then the new
    # application with the patient filled in server-side.
    h.control("kjent-lege")
    doctor = requests.Session()
    form = follow(h, doctor, url, seen)
    check(any(location.startswith(h.op + "/authorization") for location in seen),
          "the launch signs the user in through the provider")
    check(form.status_code == 200 and 'id="case-form"' in form.text and masked in form.text
          and "Øyvind Åsmundsen Ærø" in form.text and EHR_PATIENT not in form.text
          and 'name="patientNIN"' not in form.text,
          "no cases yet: the new application opens with the patient shown masked, not in the form")
    action = re.search(r'action="(/start/[^"]+/ny)"', form.text).group(1)
    # A patientNIN slipped into the form changes nothing: the patient is the launch's.
    created = doctor.post(h.base + action, data=application_form(form.text, patientNIN=EHR_OTHER_PATIENT),
                          allow_redirects=False)
    check(created.status_code in (302, 303) and created.headers["Location"].startswith("/saker/"),
          "the application is saved from the launch (%d)" % created.status_code)
    case_page = doctor.get(h.base + created.headers["Location"])
    number = re.search(r'id="case-number">([^<]+)<', case_page.text).group(1)
    check('id="patient">%s<' % masked in case_page.text and "Øyvind" not in case_page.text.split("case-number")[0],
          "the case is the launched patient's")
    stored = h.query("SELECT patient_nin, length(justification) FROM cases WHERE case_number = ?", (number,))[0]
    check(stored[0] == EHR_PATIENT and int(stored[1]) >= 2000, "the case holds the launch's patient and the whole text")
    submitted = doctor.post(h.base + created.headers["Location"] + "/handling",
                            data={"csrf": csrf(case_page.text), "action": "submit",
                                  "version": re.search(r'name="version" value="(\d+)"', case_page.text).group(1)})
    check('data-state="department_review"' in submitted.text, "the launched application is submitted")
    again = doctor.post(h.base + action, data=application_form(form.text), allow_redirects=False)
    check(refused_page(again, "usedBefore", "allerede brukt", 409), "a launch makes one application")

    # The next launch for the same patient shows the case (the session is signed in with HelseID already).
    second = follow(h, doctor, h.ehr.launch("9100000", EHR_PATIENT), seen)
    check(second.status_code == 200 and "Pasientens søknader" in second.text and number in second.text
          and 'id="new-for-patient"' in second.text and EHR_PATIENT not in second.text,
          "a second launch shows «Pasientens søknader» with the case and «Ny søknad for denne pasienten»")
    new_link = re.search(r'id="new-for-patient" href="([^"]+)"', second.text).group(1)
    check('id="case-form"' in doctor.get(h.base + new_link).text, "«Ny søknad for denne pasienten» opens the form")

    # Replayed launch id: in the same browser and in another.
    check(refused_page(doctor.get(url), "usedBefore", "allerede brukt", 409), "a replayed launch id is refused")
    check(refused_page(requests.get(url), "usedBefore", "allerede brukt", 409),
          "a launch id replayed from another browser is refused")

    # A launch id taken by one browser session cannot be opened by another.
    url = h.ehr.launch("9100000", EHR_OTHER_PATIENT)
    first = requests.Session()
    check(first.get(url, allow_redirects=False).headers.get("Location", "").startswith("/logg-inn/helseid"),
          "the first browser claims the launch and goes to sign-in")
    thief = requests.Session()
    check(refused_page(thief.get(url), "usedBefore", "allerede brukt", 409),
          "another browser session cannot take the claimed launch id")
    check(refused_page(thief.get(h.base + "/start/fortsett"), "otherSession", "annen nettleserøkt", 403),
          "another browser session has no launch to resume")
    h.control("kjent-lege")
    opened = follow(h, first, h.base + "/logg-inn/helseid?next=%2Fstart%2Ffortsett", seen)
    check(opened.status_code == 200 and 'id="case-form"' in opened.text, "the claiming browser opens it after sign-in")
    launch_path = re.search(r'action="(/start/[^"]+)/ny"', opened.text).group(1)
    h.local_sign_in(thief, "si-admin")
    check(refused_page(thief.get(h.base + launch_path), "notYours", "annen bruker", 403),
          "another user cannot open someone's launch")

    # The context names one physician, another signs in: refused, audited, the launch used up.
    url = h.ehr.launch(NEW_HPR, EHR_OTHER_PATIENT)
    h.control("kjent-lege")
    other = requests.Session()
    mismatch = follow(h, other, url, seen)
    check(refused_page(mismatch, "hprMismatch", "HPR-nummeret stemmer ikke", 403) and masked not in mismatch.text,
          "an HPR number other than the signed-in person's is refused")
    check(refused_page(other.get(url), "usedBefore", "allerede brukt", 409), "and the launch is used up")

    # Refused contexts and launch URLs.
    for fault, text in (("other_key", "ugyldig signatur"), ("expired", "utløpt"),
                        ("wrong_audience", "annen tjeneste"), ("too_long", "fem minutter"),
                        ("wrong_issuer", "journalsystemet Tilgang er satt opp mot")):
        response = h.ehr.post(h.ehr.context("9100000", EHR_PATIENT, fault=fault))
        check(response.status_code == 401 and text in response.json().get("reason", ""),
              "a context %s is refused (%d)" % (fault, response.status_code))
    token = h.ehr.context("9100000", EHR_PATIENT)
    check(h.ehr.post(token).status_code == 201, "a context is accepted once")
    replay = h.ehr.post(token)
    check(replay.status_code == 409 and "brukt før" in replay.json()["reason"], "a replayed jti is refused")
    bad = h.ehr.post(h.ehr.context("9100000", EHR_PATIENT[:10] + str((int(EHR_PATIENT[10]) + 1) % 10)))
    check(bad.status_code == 422, "a context without a valid identity number is refused (%d)" % bad.status_code)
    check(h.ehr.post("").status_code == 422, "a request without a context is refused")
    url = h.ehr.launch("9100000", EHR_PATIENT)
    check(refused_page(requests.get(url.replace("iss=", "iss=x")), "wrongIssuer", "journalsystemet", 401),
          "a launch URL naming another EHR is refused")
    check(refused_page(requests.get(h.base + "/start?iss=%s&launch=ukjent" % EHR_ISSUER), "unknownLaunch",
                       "finnes ikke", 404), "an unknown launch id is refused")

    # Without EHR configuration the launch is off.
    off = "http://127.0.0.1:%d" % h.local_off_port
    check(requests.post(off + "/api/v1/launches", json={"context": token}).status_code == 404
          and requests.get(off + "/start?iss=x&launch=y").status_code == 404, "no EHR configured: launch is off (404)")

    # Audited with the patient's keyed hash; the identity number only in the case and the live launch.
    actions = {row[0]: row[1] for row in h.query(
        "SELECT action, patient_key FROM audit_log WHERE action LIKE 'ehr.%'")}
    details = " ".join(row[0] for row in h.query("SELECT detail FROM audit_log"))
    left = int(h.query("SELECT count(*) FROM ehr_launches WHERE state IN ('used') AND patient_nin IS NOT NULL")[0][0])
    check({"ehr.launch_received", "ehr.launch", "ehr.patient_cases", "ehr.launch_refused"} <= set(actions)
          and all(actions.values()), "every launch step is audited with the patient's keyed hash")
    check(not any(pid in details for pid in EHR_PATIENTS), "no identity number in the audit log")
    check(left == 0, "a used launch keeps no identity number")
    check(not [location for location in seen if any(pid in location for pid in EHR_PATIENTS)],
          "no URL of the launch carries an identity number")


def run(h):
    # The sign-in page offers HelseID beside the local form.
    page = requests.get(h.base + "/logg-inn").text
    check("Logg inn med HelseID" in page and 'id="login-form"' in page, "sign-in page offers HelseID and passwords")

    # 1. An unknown physician: first sign-in.
    h.control("ny-lege")
    person = requests.Session()
    person.get(h.base + "/logg-inn")
    before = dict(person.cookies)
    back = h.sign_in(person)
    check(back.status_code in (302, 303) and back.headers["Location"] == "/logg-inn/helseid/forste-gang",
          "unknown person goes to first sign-in")
    check(dict(person.cookies) != before, "session id is new after sign-in")
    first = person.get(h.base + "/logg-inn/helseid/forste-gang")
    check("Åse Ørnebakk Lædre" in first.text and NEW_HPR in first.text and NEW_PID not in first.text,
          "first sign-in page names the person and HPR number, never the identity number")
    missing = person.post(h.base + "/logg-inn/helseid/forste-gang", data={"csrf": csrf(first.text)})
    check(missing.status_code == 422 and "Helseforetak:" in missing.text and "Avdeling:" in missing.text,
          "first sign-in without trust and department names both fields")
    mismatch = person.post(h.base + "/logg-inn/helseid/forste-gang",
                           data={"csrf": csrf(first.text), "trust": "SI", "department": "HB-NEV"})
    check(mismatch.status_code == 422 and "Avdeling:" in mismatch.text and 'value="SI" selected' in mismatch.text,
          "a department of another trust is refused, the chosen trust kept")
    no_csrf = person.post(h.base + "/logg-inn/helseid/forste-gang", data={"trust": "SI", "department": "SI-MED"})
    check(no_csrf.status_code == 403, "first sign-in form without CSRF token is refused")
    waiting = person.post(h.base + "/logg-inn/helseid/forste-gang",
                          data={"csrf": csrf(first.text), "trust": "SI", "department": "SI-MED"})
    check("helseid-waiting" in waiting.text, "first sign-in recorded; waiting for the administrator")
    for path in ("/saker", "/min-side", "/admin/brukere"):
        response = person.get(h.base + path, allow_redirects=False)
        check(response.status_code in (302, 303) and "/logg-inn" in response.headers.get("Location", ""),
              "pending person sees nothing at " + path)

    # 2. Another trust's administrator does not see the request; SI's approves it.
    other = requests.Session()
    h.local_sign_in(other, "hb-admin")
    check(NEW_HPR not in other.get(h.base + "/admin/brukere").text, "another trust's administrator does not see it")
    forged = other.post(h.base + "/admin/brukere/helseid/" + NEW_HPR,
                        data={"csrf": csrf(other.get(h.base + "/admin/brukere").text), "role": "physician"})
    check(forged.status_code == 404, "another trust's administrator cannot approve it")
    admin = requests.Session()
    h.local_sign_in(admin, "si-admin")
    users = admin.get(h.base + "/admin/brukere").text
    check('id="pending-%s"' % NEW_HPR in users and "Åse Ørnebakk Lædre" in users, "SI's administrator sees it")
    refusal = admin.post(h.base + "/admin/brukere/helseid/" + NEW_HPR,
                         data={"csrf": csrf(users), "role": "physician"})
    check("finnes ikke i HPR-registeret" in refusal.text, "a physician unknown to the HPR register is not approved")
    # The trust's copy of the HPR register gets the person's entry (as the register import would).
    h.import_hpr(NEW_HPR, "Åse Ørnebakk Lædre")
    users = admin.get(h.base + "/admin/brukere").text
    check('<td class="profession">lege</td>' in users, "profession from the HPR register shown")
    approved = admin.post(h.base + "/admin/brukere/helseid/" + NEW_HPR, data={"csrf": csrf(users), "role": "physician"})
    check("Godkjent: hpr-%s" % NEW_HPR in approved.text, "approved as physician")

    # 3. The approved person's next sign-in is the new user.
    back = h.sign_in(person)
    check(back.status_code in (302, 303) and back.headers["Location"] == "/min-side", "approved person signs in")
    me = person.get(h.base + "/min-side")
    check(me.status_code == 200 and "Åse Ørnebakk Lædre" in me.text, "signed in as the new user")
    check(person.get(h.base + "/saker").status_code == 200, "the new physician reaches the case list")
    out = person.post(h.base + "/logg-ut", data={"csrf": csrf(me.text)}, allow_redirects=False)
    check(out.status_code in (302, 303) and out.headers["Location"].startswith(h.op + "/end_session"),
          "sign-out goes on to the provider's end_session_endpoint")
    check(person.get(h.base + "/min-side", allow_redirects=False).status_code in (302, 303), "signed out locally")

    # A deactivated account stays shut: no way back in through first sign-in.
    users = admin.get(h.base + "/admin/brukere").text
    user_id = re.search(r'action="/admin/brukere/([0-9A-Fa-f-]{36})"[^<]*<input[^>]*>\s*<input type="hidden" name="action" '
                        r'value="deactivate"><button type="submit" id="deactivate-hpr-%s"' % NEW_HPR, users)
    check(user_id is not None, "the approved user is listed with «Deaktiver»")
    admin.post(h.base + "/admin/brukere/" + user_id.group(1), data={"csrf": csrf(users), "action": "deactivate"})
    refused(h, "deactivated account", "deactivated", "Kontoen din i Tilgang er deaktivert")
    users = admin.get(h.base + "/admin/brukere").text
    admin.post(h.base + "/admin/brukere/" + user_id.group(1), data={"csrf": csrf(users), "action": "activate"})

    # 4. A known user by HPR number (the demo physician si-lege, HPR 9100000).
    h.control("kjent-lege")
    known = requests.Session()
    back = h.sign_in(known)
    check(back.status_code in (302, 303) and back.headers["Location"] == "/min-side", "known HPR number signs in")
    check("Lise Lege (SI)" in known.get(h.base + "/min-side").text, "signed in as the existing user si-lege")

    # 4b. The launch from the patient's record.
    ehr_launch(h)

    # 5. Refusals.
    refused(h, "wrong audience", "wrongAudience", "utstedt til en annen tjeneste", fault="wrong_audience")
    refused(h, "expired token", "expired", "er utløpt", fault="expired")
    refused(h, "bad signature", "badSignature", "ugyldig signatur", fault="bad_signature")
    refused(h, "missing nonce", "nonceMismatch", "nonce mangler eller er feil", fault="no_nonce")
    refused(h, "wrong nonce", "nonceMismatch", "nonce mangler eller er feil", fault="wrong_nonce")
    refused(h, "low security level", "lowSecurityLevel", "for lavt sikkerhetsnivå", person="lavt-niva")

    h.control("ny-lege")
    replay = requests.Session()
    callback = h.authorize(replay)
    first_use = replay.get(callback, allow_redirects=False)
    check(first_use.status_code in (302, 303), "the callback's first use signs in")
    again = replay.get(callback, allow_redirects=False)
    check(again.status_code == 401 and 'data-code="stateMismatch"' in again.text and "Start innloggingen på nytt"
          in again.text, "a replayed callback is refused (state used up)")
    thief = requests.Session()
    fresh = h.authorize(thief)
    state = re.search(r"[?&]state=([^&]+)", fresh).group(1)
    code = re.search(r"[?&]code=([^&]+)", callback).group(1)
    stolen = thief.get(h.base + "/logg-inn/helseid/callback?state=%s&code=%s" % (state, code), allow_redirects=False)
    check(stolen.status_code == 401 and 'data-code="tokenRefused"' in stolen.text and "brukt før" in stolen.text,
          "a replayed code is refused by the provider")
    forged = requests.Session().get(h.base + "/logg-inn/helseid/callback?state=x&code=y", allow_redirects=False)
    check(forged.status_code == 401 and 'data-code="stateMismatch"' in forged.text,
          "a callback without a sign-in under way is refused")

    # 6. TILGANG_LOCAL_LOGIN=0.
    off = "http://127.0.0.1:%d" % h.local_off_port
    page = requests.Session()
    login = page.get(off + "/logg-inn").text
    check("Logg inn med HelseID" in login and 'id="login-form"' not in login, "local form off: only HelseID offered")
    post = page.post(off + "/logg-inn", data={"username": "si-lege", "password": PASSWORD}, allow_redirects=False)
    check(post.status_code in (404, 405) and page.get(off + "/min-side", allow_redirects=False).status_code in (302, 303),
          "local form off: no password sign-in route (%d)" % post.status_code)
    h.control("ny-lege")
    check(h.authorize(requests.Session(), base=off).startswith(off + "/logg-inn/helseid/callback?"),
          "local form off: HelseID sign-in works")

    # 7. The same in a real browser (Tests/browser/helseid_test.py), for a second new physician.
    if h.browser:
        h.import_hpr(BROWSER_HPR, "Bjørg Æsøy-Lien")
        browser_test = os.path.join(os.path.dirname(__file__), "..", "Tests", "browser", "helseid_test.py")
        result = subprocess.run([sys.executable, browser_test, "--base-url", h.base, "--provider", h.op,
                                 "--hpr", BROWSER_HPR, "--ehr-key", h.ehr_key, "--ehr-issuer", EHR_ISSUER,
                                 "--patient", EHR_BROWSER_PATIENT], cwd=os.path.dirname(browser_test))
        check(result.returncode == 0, "browser test: first sign-in, approval, sign-in and sign-out, launch from the "
                                      "EHR and an application submitted in Chromium")

    # 8. No identity number in Tilgang's log.
    log = open(h.server_log, encoding="utf-8", errors="replace").read()
    check("GET /logg-inn/helseid/callback" in log, "the server log is the trace of this run")
    forms = []
    for pid in (NEW_PID, KNOWN_PID, LOW_PID, BROWSER_PID) + EHR_PATIENTS:
        forms += [pid, pid.encode().hex(), base64.b64encode(pid.encode()).decode().rstrip("=")]
    # The token response and the client assertion, even hex-encoded as a byte-buffer dump.
    forms += ['"id_token"'.encode().hex(), "client_assertion".encode().hex(), "eyJhbGciOi"]
    leaked = [form for form in forms if form in log]
    check(not leaked, "no identity number, ID token or client assertion in the server log %s" % leaked)


def fresh_postgres_database(name):
    """The URL of a new, empty PostgreSQL database (scripts/postgres-fresh-db starts the server if needed)."""
    script = os.path.join(os.path.dirname(__file__), "postgres-fresh-db")
    return subprocess.run([script, name], capture_output=True, text=True, check=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--port", type=int, default=18510)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium journey")
    parser.add_argument("--postgres", action="store_true", help="run the servers on new PostgreSQL databases")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="oidc-test-") as work:
        h = Harness(args.binary, args.port, work, args.postgres)
        h.browser = not args.no_browser
        try:
            run(h)
        finally:
            h.stop()
            if failures:
                for _, log in h.processes:
                    sys.stderr.write("--- %s (tail)\n%s\n" % (log, open(log, errors="replace").read()[-4000:]))
    if failures:
        raise SystemExit("%d HelseID check(s) failed" % len(failures))
    print("All HelseID checks passed")


if __name__ == "__main__":
    main()
