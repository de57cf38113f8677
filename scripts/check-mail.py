#!/usr/bin/env python3
"""Parses one received message with Python's email package and prints what a test checks, as JSON.

    check-mail.py FILE.eml

Prints: the decoded headers (subject, from, to, message_id, date, list_id, auto_submitted, mime_version),
the top-level content type, the parser's defects, the longest line in bytes, whether every line ends in
CRLF, and each leaf part's content type, charset, transfer encoding and decoded text.
"""
import email
import email.policy
import email.utils
import json
import sys


def main():
    raw = open(sys.argv[1], "rb").read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    lines = raw.split(b"\n")
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append({
            "type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "content": part.get_content(),
        })
    date = message["Date"]
    print(json.dumps({
        "subject": str(message["Subject"]),
        "from": str(message["From"]),
        "from_name": message["From"].addresses[0].display_name,
        "to": [address.addr_spec for address in message["To"].addresses],
        "message_id": str(message["Message-ID"]),
        "date_valid": email.utils.parsedate_to_datetime(str(date)) is not None if date else False,
        "list_id": str(message["List-Id"]),
        "auto_submitted": str(message["Auto-Submitted"]),
        "mime_version": str(message["MIME-Version"]),
        "content_type": message.get_content_type(),
        "defects": [type(defect).__name__ for defect in message.defects]
                   + [type(defect).__name__ for part in message.walk() for defect in part.defects],
        "longest_line": max(len(line) for line in lines),
        "crlf": all(line.endswith(b"\r") for line in lines[:-1]),
        "parts": parts,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
