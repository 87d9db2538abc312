#!/usr/bin/env python3
# Reimplementation of the seed's certs.py, written from /work/shared/seed/protocol-v1.md and used as a
# stand-in for the original program in interop tests. Writes, under --dir (default: .):
#   certs/root_ca_certificate.pem, certs/server_certificate.pem, certs/root_ca.pem, certs/server.pem,
#   private_certs/root_ca-key.pem, private_certs/server-key.pem
# Ed25519 keys; X.509 v3 certificates without extensions, random serials, valid 1970-01-01..2030-12-31 UTC.
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

import seed_protocol as seed  # noqa: E402


def main():
    args = seed.directory_arguments("Generate the seed protocol's Root CA and server certificates.").parse_args()
    for path in seed.write_trust_material(args.dir):
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
