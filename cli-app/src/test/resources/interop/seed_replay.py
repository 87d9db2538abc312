#!/usr/bin/env python3
# Pinned-input replay for the seed protocol reimplementation (seed_protocol.py), which is written from
# /work/shared/seed/protocol-v1.md and used as a stand-in for the original program in interop tests.
# Usage: seed_replay.py GOLDEN.json   (e.g. /work/shared/vectors/seed-v1-golden.json)
# Runs the client and the server logic in-process over a socket pair with the golden file's randoms,
# ephemeral keys, certificates and server key, and checks that
#   - every line each side sent or received equals the recorded line byte for byte, in the right direction,
#   - both sides' transcript digests and every derived value equal the recorded ones,
#   - the server recovered the recorded plaintext,
#   - the recorded certificates, and the files seed_certs.py writes, have the original certs.py profile.
# Prints "golden replay OK" and exits 0; on a mismatch prints what differs (never a secret) and exits 1.
import datetime
import json
import os
import socket
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519  # noqa: E402

import seed_protocol as seed  # noqa: E402


class Mismatch(Exception):
    """The reimplementation disagrees with the recording."""


def require(condition, message):
    if not condition:
        raise Mismatch(message)


# ---------------------------------------------------------------- certificates

def _utc(certificate, attribute):
    # cryptography >= 42 has the *_utc properties (and deprecates the naive ones); 38 has only naive UTC.
    aware = getattr(certificate, attribute + "_utc", None)
    return aware if aware is not None else getattr(certificate, attribute).replace(tzinfo=datetime.timezone.utc)


def _same_key(a, b):
    raw = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return a.public_bytes(*raw) == b.public_bytes(*raw)


def check_profile(label, certificate, subject, root_ca):
    require(certificate.version == x509.Version.v3, f"{label}: not X.509 v3")
    require(certificate.subject == subject, f"{label}: subject is {certificate.subject.rfc4514_string()}")
    require(certificate.issuer == seed.ROOT_CA_SUBJECT, f"{label}: issuer is {certificate.issuer.rfc4514_string()}")
    require(len(certificate.extensions) == 0, f"{label}: has extensions")
    require(_utc(certificate, "not_valid_before") == seed.NOT_BEFORE, f"{label}: notBefore differs")
    require(_utc(certificate, "not_valid_after") == seed.NOT_AFTER, f"{label}: notAfter differs")
    require(isinstance(certificate.public_key(), ed25519.Ed25519PublicKey), f"{label}: key is not Ed25519")
    seed.check_issued_by_root(certificate, root_ca)


def check_trust_material(label, root_ca, identity):
    check_profile(f"{label} Root CA certificate", root_ca, seed.ROOT_CA_SUBJECT, root_ca)
    check_profile(f"{label} server certificate", identity.certificate, seed.SERVER_SUBJECT, root_ca)
    require(_same_key(identity.certificate.public_key(), identity.private_key.public_key()),
            f"{label} server private key does not match the server certificate")


def check_generated_files():
    """What seed_certs.py writes: the exact layout, the certificate profile, keys matching certificates."""
    with tempfile.TemporaryDirectory() as directory:
        seed.write_trust_material(directory)
        root_ca = seed.load_root_ca(directory)
        identity = seed.ServerIdentity.load(directory)

        def pem(relative):
            with open(os.path.join(directory, relative), "rb") as source:
                return source.read()

        root_private_key = serialization.load_pem_private_key(pem(seed.ROOT_CA_PRIVATE_KEY_FILE), password=None)
        root_public_key = serialization.load_pem_public_key(pem(seed.ROOT_CA_PUBLIC_KEY_FILE))
        server_public_key = serialization.load_pem_public_key(pem(seed.SERVER_PUBLIC_KEY_FILE))
    check_trust_material("generated", root_ca, identity)
    require(root_ca.serial_number != identity.certificate.serial_number, "generated serial numbers are equal")
    require(_same_key(root_ca.public_key(), root_private_key.public_key()),
            "generated Root CA private key does not match its certificate")
    require(_same_key(root_ca.public_key(), root_public_key), "generated root_ca.pem does not match its certificate")
    require(_same_key(identity.certificate.public_key(), server_public_key),
            "generated server.pem does not match the server certificate")


# ---------------------------------------------------------------- handshake

def _inputs(golden, role):
    return seed.SessionInputs(
        bytes.fromhex(golden[f"{role}_random"]),
        x25519.X25519PrivateKey.from_private_bytes(bytes.fromhex(golden[f"{role}_ephemeral_private_key"])))


def _run_side(sock, role, *arguments):
    try:
        return role(sock, *arguments)
    finally:
        sock.shutdown(socket.SHUT_RDWR)  # a failing side unblocks its peer's readline


def replay_handshake(golden, root_ca, identity):
    """Runs both sides concurrently over a socket pair; returns (client session, server session)."""
    client_socket, server_socket = socket.socketpair()
    with client_socket, server_socket, ThreadPoolExecutor(max_workers=1) as pool:
        server = pool.submit(_run_side, server_socket, seed.serve_one, identity, _inputs(golden, "server"))
        client = _run_side(client_socket, seed.run_client, root_ca, _inputs(golden, "client"))
        return client, server.result()


def expected_log(golden, sender_direction):
    return {m["name"]: ("sent" if m["direction"] == sender_direction else "received", m["line"].encode("utf-8"))
            for m in golden["messages"]}


def check_session(side, session, golden, sender_direction):
    expected = expected_log(golden, sender_direction)
    require(set(session.log) == set(expected),
            f"{side}: messages {sorted(session.log)} instead of {sorted(expected)}")
    for name, (direction, line) in expected.items():
        actual_direction, actual_line = session.log[name]
        require(actual_direction == direction, f"{side}: {name} was {actual_direction}, recorded as {direction}")
        require(actual_line == line, f"{side}: {name} differs\n  recorded: {line!r}\n  actual:   {actual_line!r}")
    require([d.hex() for d in session.transcript_digests] == golden["transcript_sha256_after_each_handshake_message"],
            f"{side}: transcript digests differ")
    require(set(golden["derived"]) == set(seed.KeySchedule.names()),
            f"recorded derived values {sorted(golden['derived'])} are not the key schedule {seed.KeySchedule.names()}")
    for name in seed.KeySchedule.names():
        require(getattr(session.keys, name).hex() == golden["derived"][name], f"{side}: {name} differs")
    require(session.plaintext == golden["application_plaintext"], f"{side}: application plaintext differs")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: seed_replay.py GOLDEN.json")
    with open(sys.argv[1], encoding="utf-8") as source:
        golden = json.load(source)
    root_ca = x509.load_pem_x509_certificate(golden["root_ca_certificate_pem"].encode("ascii"))
    identity = seed.ServerIdentity.from_pem(golden["server_certificate_pem"].encode("ascii"),
                                            golden["server_private_key_pem"].encode("ascii"))
    try:
        check_trust_material("recorded", root_ca, identity)
        check_generated_files()
        client, server = replay_handshake(golden, root_ca, identity)
        check_session("client", client, golden, "c2s")
        check_session("server", server, golden, "s2c")
    except Mismatch as mismatch:
        sys.exit(f"golden replay FAILED: {mismatch}")
    print("golden replay OK")


if __name__ == "__main__":
    main()
