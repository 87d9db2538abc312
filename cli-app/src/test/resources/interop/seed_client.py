#!/usr/bin/env python3
# Reimplementation of the seed's client.py, written from /work/shared/seed/protocol-v1.md and used as a
# stand-in for the original program in interop tests. Sends a ClientHello (ServerName example-server),
# checks only the Root CA's signature on the server certificate (as the original), verifies
# CertificateVerify and ServerFinished, sends ClientFinished and exactly one record "This is the Client".
# Any failure ends the program with the exception (exit status 1).
import socket
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

import seed_protocol as seed  # noqa: E402


def main():
    args = seed.endpoint_arguments("Connect to a seed protocol v1 server and send one record.").parse_args()
    root_ca = seed.load_root_ca(args.dir)
    with socket.create_connection((args.host, args.port)) as connection:
        session = seed.run_client(connection, root_ca, seed.SessionInputs.fresh())
    print(f"Sent: {session.plaintext}", flush=True)


if __name__ == "__main__":
    main()
