# Reimplementation of the seed protocol (version 1), written from /work/shared/seed/protocol-v1.md.
# It stands in for the original Python program (server.py, client.py, certs.py), which this project
# does not have, in interoperability tests against minitls. seed_replay.py proves it faithful by
# replaying the handshake recorded from the original (seed-v1-golden.json) byte for byte.
#
# This module holds all protocol logic; seed_certs.py, seed_server.py, seed_client.py and
# seed_replay.py are thin entry points. It deliberately keeps the original's behaviour on the wire,
# including its weaknesses (unbounded readline, crash instead of alert, certificate check limited to
# the Root CA signature, sequence numbers only warned about). It does not print secrets.
# Works with cryptography 38 (Debian) and 48.

import argparse
import datetime
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field, fields

from cryptography import x509
from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.x509.oid import NameOID

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 9914
VERSION = 1
SUITE = "X25519"
SERVER_NAME = "example-server"
APPLICATION_PLAINTEXT = "This is the Client"
RANDOM_LENGTH = 32

ROOT_CA_SUBJECT = x509.Name([
    x509.NameAttribute(NameOID.COUNTRY_NAME, "TH"),
    x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Bangkok"),
    x509.NameAttribute(NameOID.LOCALITY_NAME, "Bangkok"),
    x509.NameAttribute(NameOID.COMMON_NAME, "example.com"),
])
SERVER_SUBJECT = x509.Name([
    x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
    x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "California"),
    x509.NameAttribute(NameOID.COMMON_NAME, SERVER_NAME),
    x509.NameAttribute(NameOID.LOCALITY_NAME, "Nevada"),
])
NOT_BEFORE = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
NOT_AFTER = datetime.datetime(2030, 12, 31, tzinfo=datetime.timezone.utc)

# File layout written by certs.py, relative to the working directory (or --dir).
ROOT_CA_CERTIFICATE_FILE = "certs/root_ca_certificate.pem"
SERVER_CERTIFICATE_FILE = "certs/server_certificate.pem"
ROOT_CA_PUBLIC_KEY_FILE = "certs/root_ca.pem"
SERVER_PUBLIC_KEY_FILE = "certs/server.pem"
ROOT_CA_PRIVATE_KEY_FILE = "private_certs/root_ca-key.pem"
SERVER_PRIVATE_KEY_FILE = "private_certs/server-key.pem"


# ---------------------------------------------------------------- command line

def directory_arguments(description):
    """An argument parser with --dir, the directory holding certs/ and private_certs/."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--dir", default=".", help="directory holding certs/ and private_certs/ (default: .)")
    return parser


def endpoint_arguments(description):
    """An argument parser with --dir, --host and --port."""
    parser = directory_arguments(description)
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"host (default: {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default: {DEFAULT_PORT})")
    return parser


# ---------------------------------------------------------------- certificates and files (certs.py)

def _write(base_dir, relative, data):
    path = os.path.join(base_dir, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
    return path


def _read(base_dir, relative):
    with open(os.path.join(base_dir, relative), "rb") as source:
        return source.read()


def _private_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _public_pem(key):
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def _issue(subject, issuer, public_key, signing_key):
    return (x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOT_BEFORE)
            .not_valid_after(NOT_AFTER)
            .sign(signing_key, None))


def write_trust_material(base_dir):
    """Generates the Root CA and server keys and certificates like certs.py; returns the paths written."""
    root_key = ed25519.Ed25519PrivateKey.generate()
    server_key = ed25519.Ed25519PrivateKey.generate()
    root_certificate = _issue(ROOT_CA_SUBJECT, ROOT_CA_SUBJECT, root_key.public_key(), root_key)
    server_certificate = _issue(SERVER_SUBJECT, ROOT_CA_SUBJECT, server_key.public_key(), root_key)
    return [
        _write(base_dir, ROOT_CA_PRIVATE_KEY_FILE, _private_pem(root_key)),
        _write(base_dir, ROOT_CA_PUBLIC_KEY_FILE, _public_pem(root_key.public_key())),
        _write(base_dir, ROOT_CA_CERTIFICATE_FILE, root_certificate.public_bytes(serialization.Encoding.PEM)),
        _write(base_dir, SERVER_PRIVATE_KEY_FILE, _private_pem(server_key)),
        _write(base_dir, SERVER_PUBLIC_KEY_FILE, _public_pem(server_key.public_key())),
        _write(base_dir, SERVER_CERTIFICATE_FILE, server_certificate.public_bytes(serialization.Encoding.PEM)),
    ]


@dataclass(frozen=True)
class ServerIdentity:
    """The server certificate and the Ed25519 private key that signs CertificateVerify."""
    certificate: x509.Certificate
    private_key: ed25519.Ed25519PrivateKey = field(repr=False)

    @classmethod
    def from_pem(cls, certificate_pem, private_key_pem):
        return cls(x509.load_pem_x509_certificate(certificate_pem),
                   serialization.load_pem_private_key(private_key_pem, password=None))

    @classmethod
    def load(cls, base_dir):
        return cls.from_pem(_read(base_dir, SERVER_CERTIFICATE_FILE), _read(base_dir, SERVER_PRIVATE_KEY_FILE))


def load_root_ca(base_dir):
    """The Root CA certificate the client trusts."""
    return x509.load_pem_x509_certificate(_read(base_dir, ROOT_CA_CERTIFICATE_FILE))


def check_issued_by_root(certificate, root_ca):
    """The original client's only certificate check: the Root CA's Ed25519 signature over the TBS bytes.
    An issuer mismatch is reported and ignored; validity, names and ServerName are not checked."""
    if certificate.issuer != root_ca.subject:
        print("WARNING: certificate issuer does not match the Root CA subject", file=sys.stderr)
    root_ca.public_key().verify(certificate.signature, certificate.tbs_certificate_bytes)


# ---------------------------------------------------------------- keys, transcript, records

def _hkdf(key_material, info, length):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(key_material)


@dataclass(frozen=True)
class KeySchedule:
    """Every secret derived from one X25519 exchange. Field names are those of the golden file."""
    shared_secret: bytes = field(repr=False)
    derived_key: bytes = field(repr=False)
    finished_key_server: bytes = field(repr=False)
    finished_key_client: bytes = field(repr=False)
    client_app_key: bytes = field(repr=False)
    client_app_iv: bytes = field(repr=False)
    server_app_key: bytes = field(repr=False)
    server_app_iv: bytes = field(repr=False)

    @classmethod
    def agree(cls, own_ephemeral_key, peer_public_hex):
        peer = x25519.X25519PublicKey.from_public_bytes(bytes.fromhex(peer_public_hex))
        shared = own_ephemeral_key.exchange(peer)
        derived = _hkdf(shared, b"Handshake Data", 32)
        return cls(
            shared_secret=shared,
            derived_key=derived,
            finished_key_server=_hkdf(derived, b"server finished", 32),
            finished_key_client=_hkdf(derived, b"client finished", 32),
            client_app_key=_hkdf(derived, b"client app key", 32),
            client_app_iv=_hkdf(derived, b"client app iv", 12),
            server_app_key=_hkdf(derived, b"server app key", 32),
            server_app_iv=_hkdf(derived, b"server app iv", 12),
        )

    @staticmethod
    def names():
        return [f.name for f in fields(KeySchedule)]


class Transcript:
    """Running SHA-256 over the exact handshake lines; keeps the digest after each one."""

    def __init__(self):
        self._hash = hashlib.sha256()
        self.digests = []

    def add(self, line):
        self._hash.update(line)
        self.digests.append(self._hash.digest())

    def digest(self):
        return self._hash.digest()


def _finished_mac(finished_key, transcript_digest):
    mac = hmac.HMAC(finished_key, hashes.SHA256())
    mac.update(transcript_digest)
    return mac


def _record_nonce(iv, seq):
    return bytes(a ^ b for a, b in zip(iv, seq.to_bytes(len(iv), "big")))


def seal_record(key, iv, seq, plaintext):
    """An application record: AES-256-GCM, nonce iv XOR seq, no associated data, hex(ciphertext || tag)."""
    return {"Seq": seq, "Ciphertext": AESGCM(key).encrypt(_record_nonce(iv, seq), plaintext, None).hex()}


def open_record(key, iv, record):
    return AESGCM(key).decrypt(_record_nonce(iv, record["Seq"]), bytes.fromhex(record["Ciphertext"]), None)


# ---------------------------------------------------------------- framing

class LineChannel:
    """One JSON value per line, in Python's default json.dumps form. Remembers every line by message name
    as (direction, bytes), direction being "sent" or "received"."""

    def __init__(self, sock):
        self._sock = sock
        self._reader = sock.makefile("rb")
        self.log = {}

    def send(self, name, value):
        line = json.dumps(value).encode("utf-8") + b"\n"
        self._sock.sendall(line)
        self.log[name] = ("sent", line)
        return line

    def receive(self, name):
        line = self._reader.readline()  # unbounded, as in the original
        if not line:
            raise ConnectionError(f"connection closed before {name}")
        self.log[name] = ("received", line)
        return line


def _hex_string(line):
    return bytes.fromhex(json.loads(line))


# ---------------------------------------------------------------- the two roles

@dataclass(frozen=True)
class SessionInputs:
    """The random values one side draws: its 32-byte Random and its ephemeral X25519 key."""
    random: bytes
    ephemeral_key: x25519.X25519PrivateKey = field(repr=False)

    @classmethod
    def fresh(cls):
        return cls(os.urandom(RANDOM_LENGTH), x25519.X25519PrivateKey.generate())

    def public_key_hex(self):
        return self.ephemeral_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


@dataclass(frozen=True)
class Session:
    """What one side saw and derived in a completed handshake, plus the application plaintext."""
    log: dict
    transcript_digests: list
    keys: KeySchedule
    plaintext: str


def serve_one(sock, identity, inputs):
    """The original server's side of one connection; returns after the single application record."""
    channel = LineChannel(sock)
    transcript = Transcript()
    server_hello = channel.send("ServerHello", {"ServerRandom": inputs.random.hex(), "Version": VERSION,
                                                "EphPubKey": inputs.public_key_hex(), "Suite": SUITE})
    client_hello = channel.receive("ClientHello")
    transcript.add(client_hello)
    transcript.add(server_hello)
    keys = KeySchedule.agree(inputs.ephemeral_key, json.loads(client_hello)["EphPubKey"])

    certificate_pem = identity.certificate.public_bytes(serialization.Encoding.PEM)
    transcript.add(channel.send("Certificate", certificate_pem.hex()))
    transcript.add(channel.send("CertificateVerify", identity.private_key.sign(transcript.digest()).hex()))
    server_mac = _finished_mac(keys.finished_key_server, transcript.digest()).finalize()
    transcript.add(channel.send("ServerFinished", server_mac.hex()))

    client_finished = channel.receive("ClientFinished")
    _finished_mac(keys.finished_key_client, transcript.digest()).verify(_hex_string(client_finished))
    transcript.add(client_finished)

    record = json.loads(channel.receive("ApplicationData"))
    if record["Seq"] != 0:
        print(f"WARNING: expected Seq 0, got {record['Seq']}", file=sys.stderr)
    plaintext = open_record(keys.client_app_key, keys.client_app_iv, record).decode("utf-8")
    return Session(channel.log, transcript.digests, keys, plaintext)


def run_client(sock, root_ca, inputs):
    """The original client's side: handshake, then the single record APPLICATION_PLAINTEXT."""
    channel = LineChannel(sock)
    transcript = Transcript()
    transcript.add(channel.send("ClientHello", {"ClientRandom": inputs.random.hex(), "Version": VERSION,
                                                "EphPubKey": inputs.public_key_hex(), "Suite": SUITE,
                                                "ServerName": SERVER_NAME}))
    server_hello = channel.receive("ServerHello")
    transcript.add(server_hello)
    keys = KeySchedule.agree(inputs.ephemeral_key, json.loads(server_hello)["EphPubKey"])

    certificate_line = channel.receive("Certificate")
    transcript.add(certificate_line)
    certificate = x509.load_pem_x509_certificate(_hex_string(certificate_line))
    check_issued_by_root(certificate, root_ca)

    certificate_verify = channel.receive("CertificateVerify")
    certificate.public_key().verify(_hex_string(certificate_verify), transcript.digest())
    transcript.add(certificate_verify)

    server_finished = channel.receive("ServerFinished")
    _finished_mac(keys.finished_key_server, transcript.digest()).verify(_hex_string(server_finished))
    transcript.add(server_finished)

    client_mac = _finished_mac(keys.finished_key_client, transcript.digest()).finalize()
    transcript.add(channel.send("ClientFinished", client_mac.hex()))
    channel.send("ApplicationData", seal_record(keys.client_app_key, keys.client_app_iv, 0,
                                                APPLICATION_PLAINTEXT.encode("utf-8")))
    return Session(channel.log, transcript.digests, keys, APPLICATION_PLAINTEXT)
