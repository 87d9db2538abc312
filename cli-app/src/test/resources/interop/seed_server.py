#!/usr/bin/env python3
# Reimplementation of the seed's server.py, written from /work/shared/seed/protocol-v1.md and used as a
# stand-in for the original program in interop tests. Accepts ONE client, writes ServerHello before it
# reads the ClientHello, sends Certificate, CertificateVerify and ServerFinished, verifies ClientFinished
# (an exception on mismatch, as the original crashes), reads exactly one application record and prints
# "Received: <plaintext>". Prints "LISTENING <port>" once listening, so --port 0 can be used.
# Any failure ends the program with the exception (exit status 1); no alerts are sent.
import socket
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

import seed_protocol as seed  # noqa: E402


def main():
    args = seed.endpoint_arguments("Serve one seed protocol v1 client.").parse_args()
    identity = seed.ServerIdentity.load(args.dir)
    with socket.create_server((args.host, args.port)) as listener:
        print(f"LISTENING {listener.getsockname()[1]}", flush=True)
        connection, _ = listener.accept()
    with connection:
        session = seed.serve_one(connection, identity, seed.SessionInputs.fresh())
    print(f"Received: {session.plaintext}", flush=True)


if __name__ == "__main__":
    main()
