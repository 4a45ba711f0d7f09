#!/usr/bin/env python3
"""A small EHR simulator playing DIPS Arena's part in a launch of Tilgang from the patient's record
(docs/ehr-launch.md).

It holds the EHR's signing key (P-256, ES256), publishes its public JWKS (the file Tilgang is configured with,
TILGANG_EHR_JWKS_FILE), signs launch contexts (iss = the EHR's issuer id, aud = Tilgang's base URL, iat/exp, a
single-use jti, hpr = the user's HPR number, pid = the patient's identity number, trust, department,
patient_name), posts them to Tilgang's back channel (POST /api/v1/launches) and answers the URL the EHR opens in
the browser. Faults for the tests: another key, expired, wrong audience, too long lived, a given jti.

Used as a module by scripts/oidc_test.py and Tests/browser/helseid_test.py; as a command:

    ehr_simulator.py --key FILE --issuer ISS --tilgang URL --hpr 9144889 --pid 13097248022 [--name NAME]

prints the browser URL (the key file is created on first use; --write-jwks FILE writes the public JWKS).
"""
import argparse
import base64
import json
import os
import time
import uuid

import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class EHRSimulator:
    def __init__(self, issuer, tilgang, key=None, kid="dips-1"):
        self.issuer = issuer
        self.tilgang = tilgang.rstrip("/")
        self.key = key or ec.generate_private_key(ec.SECP256R1())
        self.kid = kid

    @classmethod
    def load(cls, key_file, issuer, tilgang):
        """The simulator with the key in `key_file` (PEM), created there when missing."""
        if os.path.exists(key_file):
            with open(key_file, "rb") as f:
                return cls(issuer, tilgang, serialization.load_pem_private_key(f.read(), password=None))
        simulator = cls(issuer, tilgang)
        with open(key_file, "wb") as f:
            f.write(simulator.key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        return simulator

    def jwks(self):
        numbers = self.key.public_key().public_numbers()
        return {"keys": [{
            "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": self.kid,
            "x": b64url(numbers.x.to_bytes(32, "big")), "y": b64url(numbers.y.to_bytes(32, "big")),
        }]}

    def write_jwks(self, path):
        with open(path, "w") as f:
            json.dump(self.jwks(), f)

    def sign(self, claims, key=None):
        header = {"alg": "ES256", "typ": "JWT", "kid": self.kid}
        signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
        r, s = decode_dss_signature((key or self.key).sign(signing_input, ec.ECDSA(hashes.SHA256())))
        return signing_input.decode() + "." + b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))

    def context(self, hpr, pid, name=None, trust="SI", department="SI-MED", fault=None, jti=None):
        """A signed launch context; `fault` is one of other_key, expired, wrong_audience, too_long, wrong_issuer."""
        now = int(time.time())
        claims = {
            "iss": self.issuer, "aud": self.tilgang, "iat": now, "exp": now + 120, "jti": jti or str(uuid.uuid4()),
            "hpr": hpr, "pid": pid, "trust": trust, "department": department,
        }
        if name:
            claims["patient_name"] = name
        if fault == "expired":
            claims["iat"], claims["exp"] = now - 400, now - 100
        elif fault == "wrong_audience":
            claims["aud"] = "https://annen-tjeneste.example"
        elif fault == "too_long":
            claims["exp"] = now + 3600
        elif fault == "wrong_issuer":
            claims["iss"] = "https://falsk-journal.example"
        other = ec.generate_private_key(ec.SECP256R1()) if fault == "other_key" else None
        return self.sign(claims, key=other)

    def post(self, context):
        """The back channel: Tilgang's answer to the signed context."""
        return requests.post(self.tilgang + "/api/v1/launches", json={"context": context}, timeout=10)

    def launch(self, hpr, pid, name=None, **kwargs):
        """Posts a context and returns the browser URL Tilgang answered (raises on a refusal)."""
        response = self.post(self.context(hpr, pid, name, **kwargs))
        if response.status_code != 201:
            raise RuntimeError("launch refused: %d %s" % (response.status_code, response.text[:300]))
        return response.json()["launchURL"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--tilgang", required=True)
    parser.add_argument("--write-jwks")
    parser.add_argument("--hpr")
    parser.add_argument("--pid")
    parser.add_argument("--name")
    args = parser.parse_args()
    simulator = EHRSimulator.load(args.key, args.issuer, args.tilgang)
    if args.write_jwks:
        simulator.write_jwks(args.write_jwks)
    if args.hpr and args.pid:
        print(simulator.launch(args.hpr, args.pid, args.name))


if __name__ == "__main__":
    main()
