#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd): every accepted message is written to DIR as NNNN.eml, the raw
message as received (after the server has undone dot-stuffing), with the envelope in NNNN.json.

    python3 scripts/smtp_sink.py --port 18310 --dir /tmp/mail [--refuse-first N] [--reject ADDRESS]

--refuse-first N answers the first N recipients with 451 (try again later); --reject ADDRESS answers that
recipient with 550 (permanent). Writes DIR/ready once listening; stops on SIGTERM or SIGINT.
"""
import argparse
import json
import os
import signal
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, refuse_first, reject):
        self.directory = directory
        self.refuse_left = refuse_first
        self.reject = {address.lower() for address in reject}
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 Ukjent mottaker"
        with self.lock:
            if self.refuse_left > 0:
                self.refuse_left -= 1
                return "451 4.3.0 Prøv igjen senere"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = f"{self.count:04d}"
        base = os.path.join(self.directory, name)
        # Written under a temporary name and renamed, so a reader never sees half a message.
        with open(base + ".json.tmp", "w", encoding="utf-8") as out:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, out)
        os.replace(base + ".json.tmp", base + ".json")
        with open(base + ".eml.tmp", "wb") as out:
            out.write(envelope.original_content)
        os.replace(base + ".eml.tmp", base + ".eml")
        return "250 Meldingen er mottatt"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--reject", action="append", default=[])
    args = parser.parse_args()
    # A parent may start us with signals blocked (Foundation's Process inherits the calling thread's mask).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(
        Sink(args.dir, args.refuse_first, args.reject), hostname="127.0.0.1", port=args.port, decode_data=False
    )
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with open(os.path.join(args.dir, "ready"), "w") as ready:
        ready.write(str(os.getpid()))
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
