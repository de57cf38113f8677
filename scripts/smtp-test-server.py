#!/usr/bin/env python3
"""An SMTP server on 127.0.0.1 for the tests, on Python's aiosmtpd (Debian's python3-aiosmtpd).

    smtp-test-server.py MAILDIR [--refuse ADDRESS]...

Listens on a free port and prints it on a line of its own; writes each message it accepts to MAILDIR as
N.eml (the bytes received) beside N.json (envelope sender and recipients), each written whole under a
temporary name first. RCPT TO an address given with --refuse is answered 550. Stops when its standard
input closes, so that it never outlives the test that started it.
"""
import argparse
import asyncio
import json
import os
import socket
import sys

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, maildir, refused):
        self.maildir = maildir
        self.refused = {address.lower() for address in refused}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.maildir, "%04d" % self.count)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}
        for suffix, data in ((".json", json.dumps(meta).encode()), (".eml", envelope.original_content)):
            with open(base + suffix + ".tmp", "wb") as file:
                file.write(data)
            os.rename(base + suffix + ".tmp", base + suffix)
        return "250 Message accepted for delivery"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("maildir")
    parser.add_argument("--refuse", action="append", default=[])
    arguments = parser.parse_args()
    handler = Handler(arguments.maildir, arguments.refuse)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="smtp.test", decode_data=False), sock=sock)
    print(sock.getsockname()[1], flush=True)
    # Standard input closing (the test ended, or died) stops the server.
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
