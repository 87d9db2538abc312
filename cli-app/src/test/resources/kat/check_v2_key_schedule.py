#!/usr/bin/env python3
"""Recomputes the minitls protocol v2 known answers (v2-known-answer.json) independently of the Java code.

Only Python's standard library and the `cryptography` package are used, and only docs/PROTOCOL.md is followed:
HKDF-Expand-Label is written here from RFC 8446 section 7.1. From the pinned ephemeral private keys and the
recorded lines, the script recomputes the X25519 shared secret, every record's keys and decryption (nonce = iv XOR
seq, aad = 0x17 || uint64(seq) || uint16(len)), the handshake lines inside the records and the transcript hash after
each, every secret, key, IV and finished key, the CertificateVerify signature check and both Finished verify_data,
and compares each with the file.

Usage: check_v2_key_schedule.py [v2-known-answer.json]   (default: the file next to this script)
Prints "v2 known answers OK" and exits 0; otherwise prints what differs to stderr and exits 1 (2 for a file that
cannot be read as known answers). It prints no key material.
"""

import base64
import hashlib
import hmac
import json
import sys
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

HASH_LENGTH = 32
KEY_LENGTH = 32
IV_LENGTH = 12
SUITE = "X25519_AES256GCM_SHA256"
CERTIFICATE_VERIFY_CONTEXT = b"minitls v2, server CertificateVerify"
CONTENT_TYPES = {21: "alert", 22: "handshake", 23: "application_data"}
CLOSE_NOTIFY = b'{"type": "Alert", "alert": "close_notify"}\n'


class Mismatch(Exception):
    """A recomputed value that differs from the recorded one."""


def check(name, recorded, computed):
    if recorded != computed:
        raise Mismatch(f"{name}: the recorded value differs from the recomputed one")


def unhex(value, name):
    if not isinstance(value, str) or value != value.lower() or len(value) % 2:
        raise ValueError(f"{name} is not lowercase hex of even length")
    return bytes.fromhex(value)


# RFC 5869 and RFC 8446 section 7.1, with SHA-256.
def hkdf_extract(salt, ikm):
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, length):
    return HKDFExpand(hashes.SHA256(), length, info).derive(prk)


def hkdf_expand_label(secret, label, context, length):
    full_label = b"tls13 " + label
    hkdf_label = (length.to_bytes(2, "big") + bytes([len(full_label)]) + full_label
                  + bytes([len(context)]) + context)
    return hkdf_expand(secret, hkdf_label, length)


def derive_secret(secret, label, transcript_hash):
    return hkdf_expand_label(secret, label, transcript_hash, HASH_LENGTH)


class KeySchedule:
    """Every secret of docs/PROTOCOL.md "Key schedule", by the names the known answers use."""

    def __init__(self, shared_secret):
        self.secrets = {"shared_secret": shared_secret}
        zeros = bytes(HASH_LENGTH)
        empty_hash = hashlib.sha256(b"").digest()
        early = hkdf_extract(zeros, zeros)
        self.handshake_secret = hkdf_extract(derive_secret(early, b"derived", empty_hash), shared_secret)
        self.secrets["early_secret"] = early
        self.secrets["handshake_secret"] = self.handshake_secret

    def handshake_keys(self, hello_hash):
        for side, label in (("client", b"c hs traffic"), ("server", b"s hs traffic")):
            secret = derive_secret(self.handshake_secret, label, hello_hash)
            self.secrets[f"{side}_handshake_traffic_secret"] = secret
            self._traffic_keys(f"{side}_handshake", secret)
            self.secrets[f"{side}_finished_key"] = hkdf_expand_label(secret, b"finished", b"", HASH_LENGTH)

    def application_keys(self, server_finished_hash):
        derived = derive_secret(self.handshake_secret, b"derived", hashlib.sha256(b"").digest())
        master = hkdf_extract(derived, bytes(HASH_LENGTH))
        self.secrets["master_secret"] = master
        for side, label in (("client", b"c ap traffic"), ("server", b"s ap traffic")):
            secret = derive_secret(master, label, server_finished_hash)
            self.secrets[f"{side}_application_traffic_secret_0"] = secret
            self._traffic_keys(f"{side}_application", secret)

    def _traffic_keys(self, name, secret):
        self.secrets[f"{name}_key"] = hkdf_expand_label(secret, b"key", b"", KEY_LENGTH)
        self.secrets[f"{name}_iv"] = hkdf_expand_label(secret, b"iv", b"", IV_LENGTH)


def open_record(frame_index, line, keys_name, sequence, secrets):
    """Decrypts one record line under keys_name; returns its inner plaintext (content || content type)."""
    record = json.loads(line)
    if list(record) != ["type", "seq", "ciphertext"] or record["type"] != "Record":
        raise Mismatch(f"frame {frame_index}: not a record")
    check(f"frame {frame_index} seq", record["seq"], sequence)
    ciphertext = base64.b64decode(record["ciphertext"], validate=True)
    iv = secrets[f"{keys_name}_iv"]
    nonce = (int.from_bytes(iv, "big") ^ sequence).to_bytes(IV_LENGTH, "big")
    aad = b"\x17" + sequence.to_bytes(8, "big") + len(ciphertext).to_bytes(2, "big")
    try:
        inner = AESGCM(secrets[f"{keys_name}_key"]).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        raise Mismatch(f"frame {frame_index}: does not decrypt under {keys_name} keys with seq {sequence}") from None
    if not inner or inner[-1] not in CONTENT_TYPES:
        raise Mismatch(f"frame {frame_index}: the inner plaintext has no valid content type")
    return inner


def read_wire(known, client_private, server_private):
    """Follows docs/PROTOCOL.md "Order": returns the key schedule, the handshake lines with the transcript hash
    after each, and the other contents of the records, by sender."""
    wire = known["wire"]
    handshake = []
    hashes_after = []
    transcript = hashlib.sha256()

    def add_to_transcript(line):
        transcript.update(line)
        handshake.append(line)
        hashes_after.append(transcript.digest())

    client_hello, server_hello = (json.loads(wire[i]["line"]) for i in (0, 1))
    check("frame 0 sender", wire[0]["from"], "client")
    check("frame 1 sender", wire[1]["from"], "server")
    for hello, name in ((client_hello, "ClientHello"), (server_hello, "ServerHello")):
        check(f"{name} type", hello["type"], name)
        check(f"{name} version", hello["version"], 2)
        check(f"{name} suite", hello["suite"], SUITE)
    check("ClientHello server_name", client_hello["server_name"], known["inputs"]["server_name"])
    check("client key_share", unhex(client_hello["key_share"], "key_share"),
          client_private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    check("server key_share", unhex(server_hello["key_share"], "key_share"),
          server_private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    shared = client_private.exchange(X25519PublicKey.from_public_bytes(unhex(server_hello["key_share"], "key_share")))
    check("shared_secret (server side)", shared,
          server_private.exchange(X25519PublicKey.from_public_bytes(unhex(client_hello["key_share"], "key_share"))))
    schedule = KeySchedule(shared)
    for frame in wire[:2]:
        add_to_transcript(frame["line"].encode("ascii"))
    schedule.handshake_keys(transcript.digest())

    keys = {"client": "client_handshake", "server": "server_handshake"}
    sequence = {"client": 0, "server": 0}
    contents = {"client": [], "server": []}
    for index, frame in enumerate(wire[2:], start=2):
        side = frame["from"]
        inner = open_record(index, frame["line"], keys[side], sequence[side], schedule.secrets)
        check(f"frame {index} keys", frame["keys"], keys[side])
        check(f"frame {index} seq (recorded)", frame["seq"], sequence[side])
        check(f"frame {index} content_type", frame["content_type"], CONTENT_TYPES[inner[-1]])
        check(f"frame {index} inner_plaintext", unhex(frame["inner_plaintext"], "inner_plaintext"), inner)
        sequence[side] += 1
        content = inner[:-1]
        if inner[-1] == 22:
            add_to_transcript(content)
            if json.loads(content)["type"] == "Finished":
                if side == "server":
                    schedule.application_keys(transcript.digest())
                keys[side] = f"{side}_application"
                sequence[side] = 0
        else:
            contents[side].append((inner[-1], content))
    return schedule, handshake, hashes_after, contents


def main(argv):
    if len(argv) > 2:
        print("usage: check_v2_key_schedule.py [v2-known-answer.json]", file=sys.stderr)
        return 2
    path = Path(argv[1]) if len(argv) == 2 else Path(__file__).with_name("v2-known-answer.json")
    try:
        known = json.loads(path.read_text(encoding="ascii"))
        inputs = known["inputs"]
        client_private = X25519PrivateKey.from_private_bytes(
            unhex(inputs["client_ephemeral_private_key"], "client_ephemeral_private_key"))
        server_private = X25519PrivateKey.from_private_bytes(
            unhex(inputs["server_ephemeral_private_key"], "server_ephemeral_private_key"))
        recorded_secrets = {name: unhex(value, name) for name, value in known["secrets"].items()}
        schedule, handshake, hashes_after, contents = read_wire(known, client_private, server_private)
        check_answers(known, schedule, handshake, hashes_after, contents, recorded_secrets)
    except Mismatch as e:
        print(f"v2 known answers FAILED: {e}", file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
        print(f"v2 known answers FAILED: {path} cannot be read as known answers: {type(e).__name__}: {e}",
              file=sys.stderr)
        return 2
    print("v2 known answers OK")
    return 0


def check_answers(known, schedule, handshake, hashes_after, contents, recorded_secrets):
    # The handshake lines found inside the records, and the transcript hash after each.
    recorded_handshake = known["handshake"]
    check("number of handshake messages", len(recorded_handshake), len(handshake))
    for entry, line, digest in zip(recorded_handshake, handshake, hashes_after):
        check(f"handshake {entry['message']} line", entry["line"].encode("ascii"), line)
        check(f"handshake {entry['message']} type", json.loads(line)["type"], entry["message"])
        check(f"handshake {entry['message']} transcript_hash", unhex(entry["transcript_hash"], "transcript_hash"),
              digest)
    messages = [json.loads(line) for line in handshake]
    check("handshake order", [m["type"] for m in messages],
          ["ClientHello", "ServerHello", "Certificate", "CertificateVerify", "Finished", "Finished"])

    # Every secret, key, IV and finished key; the file holds no other.
    missing = sorted(set(schedule.secrets) - set(recorded_secrets))
    unexpected = sorted(set(recorded_secrets) - set(schedule.secrets))
    if missing or unexpected:
        raise Mismatch(f"secrets: missing {missing}, not in the key schedule {unexpected}")
    for name, value in schedule.secrets.items():
        check(name, recorded_secrets[name], value)

    # The certificates, and the CertificateVerify over 64 spaces || context || 0x00 || hash(ClientHello..Certificate).
    root = x509.load_pem_x509_certificate(known["root_certificate_pem"].encode("ascii"))
    server = x509.load_pem_x509_certificate(known["server_certificate_pem"].encode("ascii"))
    server_key = serialization.load_pem_private_key(known["server_private_key_pem"].encode("ascii"), password=None)
    check("Certificate message", unhex(messages[2]["certificate"], "certificate"),
          known["server_certificate_pem"].encode("ascii"))
    check("server key of the certificate",
          server_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
          server.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    signature = unhex(messages[3]["signature"], "signature")
    check("certificate_verify_signature", unhex(known["certificate_verify_signature"], "signature"), signature)
    try:
        root.public_key().verify(server.signature, server.tbs_certificate_bytes)
        server.public_key().verify(signature, b"\x20" * 64 + CERTIFICATE_VERIFY_CONTEXT + b"\x00" + hashes_after[2])
    except InvalidSignature:
        raise Mismatch("an Ed25519 signature (server certificate or CertificateVerify) does not verify") from None

    # Finished: HMAC(finished_key, hash through CertificateVerify), then through the server's Finished.
    for side, message, through in (("server", messages[4], hashes_after[3]), ("client", messages[5], hashes_after[4])):
        verify_data = hmac.new(schedule.secrets[f"{side}_finished_key"], through, hashlib.sha256).digest()
        check(f"{side} Finished message", unhex(message["verify_data"], "verify_data"), verify_data)
        check(f"{side}_verify_data", unhex(known[f"{side}_verify_data"], "verify_data"), verify_data)

    # After the handshake: the data one way, its echo the other, then close_notify both ways.
    data = known["inputs"]["application_data"].encode("utf-8")
    for side in ("client", "server"):
        check(f"{side} application records", contents[side], [(23, data), (21, CLOSE_NOTIFY)])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
