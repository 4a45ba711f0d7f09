#!/usr/bin/env python3
"""A real OpenID provider on loopback for Tilgang's HelseID tests: idpyoidc's OP (`idpyoidc.server.Server`) behind a
small HTTP front.

idpyoidc does the protocol: discovery, authorization with PKCE (S256, required), the token endpoint with
`private_key_jwt` client authentication against the client's registered public JWKS, single-use codes, signed ID
tokens with the nonce. The person is "signed in" at the provider without a form (idpyoidc's `NoAuthn`), as the test
person chosen with --person or through the control endpoint.

The control endpoint `POST /test/control` (JSON) lets a test choose the person and, for the negative tests, one
explicit fault applied to the ID token the OP issued: `wrong_audience`, `expired`, `bad_signature` (re-signed with
a key not in the JWKS, same kid), `no_nonce`, `wrong_nonce`. Each fault is named; with none the OP's own token goes
out unchanged.

Usage: oidc_provider.py --port P --client-id ID --client-jwks FILE --redirect-uri URI [--state-dir DIR]
"""
import argparse
import base64
import json
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from cryptojwt.jwk.rsa import new_rsa_key
from cryptojwt.jws.jws import JWS, factory
from cryptojwt.key_jar import KeyJar
from idpyoidc.server import Server
from idpyoidc.server.configure import OPConfiguration

HPR = "helseid://claims/hpr/hpr_number"
PID = "helseid://claims/identity/pid"
LEVEL = "helseid://claims/identity/security_level"

# Test people: synthetic identity numbers only (never real persons).
PEOPLE = {
    "ny-lege": {"sub": "ny-lege", "name": "Åse Ørnebakk Lædre", HPR: "9144889", PID: "13097248022", LEVEL: "4"},
    # The HPR number of the demo physician si-lege.
    "kjent-lege": {"sub": "kjent-lege", "name": "Lise Lege", HPR: "9100000", PID: "04056712345", LEVEL: "4"},
    "ny-lege-2": {"sub": "ny-lege-2", "name": "Bjørg Æsøy-Lien", HPR: "9144891", PID: "17117612345", LEVEL: "4"},
    "lavt-niva": {"sub": "lavt-niva", "name": "Ola Nivå Tre", HPR: "9144890", PID: "29029600013", LEVEL: "3"},
}
CLAIMS = ["name", HPR, PID, LEVEL]
FAULTS = {None, "wrong_audience", "expired", "bad_signature", "no_nonce", "wrong_nonce"}


def b64json(part):
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


class Provider:
    def __init__(self, issuer, client_id, client_jwks, redirect_uris, state_dir):
        self.issuer = issuer
        self.client_id = client_id
        self.person = "ny-lege"
        self.fault = None
        self.lock = threading.Lock()
        conf = {
            "issuer": issuer,
            "httpc_params": {"verify": False},
            "keys": {
                "private_path": os.path.join(state_dir, "op_jwks.json"),
                "key_defs": [{"type": "RSA", "use": ["sig"]}],
                "read_only": False,
            },
            "token_handler_args": {
                "jwks_def": {
                    "private_path": os.path.join(state_dir, "token_jwks.json"),
                    "read_only": False,
                    "key_defs": [{"type": "oct", "bytes": 24, "use": ["enc"], "kid": "code"}],
                },
                "code": {"kwargs": {"lifetime": 120}},
                "token": {"kwargs": {"lifetime": 600}},
                "id_token": {
                    "class": "idpyoidc.server.token.id_token.IDToken",
                    "kwargs": {"base_claims": {c: None for c in CLAIMS}, "lifetime": 300},
                },
            },
            "endpoint": {
                "provider_info": {
                    "path": ".well-known/openid-configuration",
                    "class": "idpyoidc.server.oidc.provider_config.ProviderConfiguration",
                    "kwargs": {},
                },
                "authorization": {
                    "path": "authorization",
                    "class": "idpyoidc.server.oidc.authorization.Authorization",
                    "kwargs": {"response_types_supported": ["code"], "response_modes_supported": ["query"]},
                },
                "token": {
                    "path": "token",
                    "class": "idpyoidc.server.oidc.token.Token",
                    "kwargs": {"client_authn_method": ["private_key_jwt"]},
                },
                "session": {
                    "path": "end_session",
                    "class": "idpyoidc.server.oidc.session.Session",
                    "kwargs": {"logout_verify_url": issuer + "/logged_out"},
                },
            },
            "authentication": {
                "anon": {
                    "acr": "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified",
                    "class": "idpyoidc.server.user_authn.user.NoAuthn",
                    "kwargs": {"user": "ny-lege"},
                }
            },
            "userinfo": {"class": "idpyoidc.server.user_info.UserInfo", "kwargs": {"db": PEOPLE}},
            "add_on": {
                "pkce": {
                    "function": "idpyoidc.server.oauth2.add_on.pkce.add_support",
                    "kwargs": {"essential": True, "code_challenge_method": "S256"},
                }
            },
            "session_params": {"encrypter": {"kwargs": {"keys": {"key_defs": [
                {"type": "OCT", "use": ["enc"], "kid": "password"},
                {"type": "OCT", "use": ["enc"], "kid": "salt"},
            ]}, "iterations": 1}}},
            "template_dir": state_dir,
        }
        self.server = Server(OPConfiguration(conf=conf, base_path=state_dir), cwd=state_dir)
        context = self.server.context
        context.cdb[client_id] = {
            "client_id": client_id,
            "redirect_uris": [(uri, {}) for uri in redirect_uris],
            "response_types_supported": ["code"],
            "token_endpoint_auth_method": "private_key_jwt",
            "scope": ["openid", "profile"],
            "allowed_scopes": ["openid", "profile"],
            "client_salt": "salted",
        }
        # The client's public key, as a trust registers it with HelseID.
        self.server.keyjar.import_jwks(client_jwks, client_id)
        self.foreign_key = new_rsa_key()

    def authn_user(self):
        method = self.server.context.authn_broker.get_method_by_id("anon")
        method.user = self.person

    def jwks(self):
        return self.server.keyjar.export_jwks(issuer_id="")

    def tamper(self, id_token):
        """Applies the chosen fault to the OP's ID token, re-signing with the OP's key (or a foreign one)."""
        if self.fault is None:
            return id_token
        header_b64, payload_b64, _ = id_token.split(".")
        header = b64json(header_b64)
        payload = b64json(payload_b64)
        now = int(time.time())
        if self.fault == "wrong_audience":
            payload["aud"] = ["another-service"]
        elif self.fault == "expired":
            payload["iat"], payload["exp"] = now - 3600, now - 600
        elif self.fault == "no_nonce":
            payload.pop("nonce", None)
        elif self.fault == "wrong_nonce":
            payload["nonce"] = "not-the-nonce-of-this-sign-in"
        if self.fault == "bad_signature":
            key = self.foreign_key
            key.kid = header.get("kid")
        else:
            key = [k for k in self.server.keyjar.get_signing_key("RSA", issuer_id="") if k.kid == header.get("kid")][0]
        return JWS(json.dumps(payload), alg=header["alg"]).sign_compact([key])


def make_handler(provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            sys.stderr.write("oidc-provider: " + fmt % args + "\n")

        def send(self, status, body=b"", content_type="application/json", headers=()):
            if isinstance(body, (dict, list)):
                body = json.dumps(body)
            if isinstance(body, str):
                body = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def endpoint(self, name, request, http_info=None):
            endpoint = provider.server.get_endpoint(name)
            parsed = endpoint.parse_request(request, http_info=http_info or {})
            if "error" in parsed:
                return None, parsed
            args = endpoint.process_request(parsed)
            if "error" in args or ("response_args" in args and "error" in args["response_args"]):
                return None, args.get("response_args", args)
            return endpoint, endpoint.do_response(request=parsed, **args)

        def do_GET(self):
            try:
                self.get()
            except Exception as error:  # noqa: BLE001 - a test server answers 500 rather than hanging up
                self.send(500, {"error": "server_error", "error_description": repr(error)})

        def do_POST(self):
            try:
                self.post()
            except Exception as error:  # noqa: BLE001
                self.send(500, {"error": "server_error", "error_description": repr(error)})

        def get(self):
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            with provider.lock:
                if url.path == "/.well-known/openid-configuration":
                    info = dict(provider.server.context.provider_info)
                    info["jwks_uri"] = provider.issuer + "/jwks.json"
                    info["end_session_endpoint"] = provider.issuer + "/end_session"
                    return self.send(200, info)
                if url.path == "/jwks.json":
                    return self.send(200, provider.jwks())
                if url.path == "/authorization":
                    provider.authn_user()
                    _, response = self.endpoint("authorization", query)
                    if _ is None:
                        return self.send(400, dict(response))
                    return self.send(302, b"", headers=[("Location", response["response"])])
                if url.path == "/end_session":
                    return self.send(200, "<p id=\"provider-logged-out\">Logget ut av testleverandøren.</p>", "text/html; charset=utf-8")
            self.send(404, {"error": "not_found"})

        def post(self):
            url = urlparse(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
            with provider.lock:
                if url.path == "/token":
                    form = {k: v[0] for k, v in parse_qs(body).items()}
                    http_info = {"headers": {"authorization": self.headers.get("Authorization")},
                                 "url": provider.issuer + "/token", "method": "POST"}
                    endpoint, response = self.endpoint("token", form, http_info)
                    if endpoint is None:
                        return self.send(400, dict(response))
                    answer = json.loads(response["response"])
                    if "id_token" in answer:
                        answer["id_token"] = provider.tamper(answer["id_token"])
                    return self.send(200, answer)
                if url.path == "/test/control":
                    control = json.loads(body or "{}")
                    if control.get("person", provider.person) not in PEOPLE or control.get("fault") not in FAULTS:
                        return self.send(400, {"error": "unknown person or fault"})
                    provider.person = control.get("person", provider.person)
                    provider.fault = control.get("fault")
                    return self.send(200, {"person": provider.person, "fault": provider.fault})
            self.send(404, {"error": "not_found"})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-jwks", required=True, help="file with the client's public JWKS")
    parser.add_argument("--redirect-uri", required=True, action="append", help="repeat for each")
    parser.add_argument("--state-dir", default=None)
    args = parser.parse_args()
    state_dir = args.state_dir or tempfile.mkdtemp(prefix="oidc-provider-")
    with open(args.client_jwks) as f:
        client_jwks = json.load(f)
    issuer = "http://127.0.0.1:%d" % args.port
    provider = Provider(issuer, args.client_id, client_jwks, args.redirect_uri, state_dir)
    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(provider))
    print("oidc-provider: %s" % issuer, flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
