"""TLS for tests: a made-up "inspection" root CA, a server certificate it signed, and an HTTPS server.

This plays an antivirus or corporate proxy that inspects HTTPS: the server presents a certificate
issued by a root that the operating system does not trust. Giving that root as the extra CA file
must make the same server trusted.

Certificates are made with ``cryptography`` when it is installed, else with the ``openssl``
command line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from pluggto_desktop.asgi import ASGIApp
from pluggto_desktop.asgi_server import RunningServer

ROOT_NAME = "Inspecao HTTPS de Teste Root CA"


@dataclass(frozen=True)
class TestPki:
    ca_file: Path  # the root certificate (PEM): what the user would pick as the extra CA file
    cert_file: Path  # the server's certificate (PEM), for 127.0.0.1 and localhost
    key_file: Path  # the server's private key (PEM)

    __test__ = False


def make_pki(folder: Path, *, not_before: dt.datetime | None = None, days: int = 30) -> TestPki:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return _with_cryptography(folder, not_before, days)
    except ImportError:
        return _with_openssl(folder, days)


def _with_cryptography(folder: Path, not_before: dt.datetime | None, days: int) -> TestPki:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    start = not_before or (dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    end = start + dt.timedelta(days=days)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, ROOT_NAME),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Antivirus de Teste")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pki = TestPki(folder / "inspection-root.pem", folder / "server.pem", folder / "server.key")
    pki.ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    pki.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pki.key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return pki


def _with_openssl(folder: Path, days: int) -> TestPki:  # pragma: no cover - when cryptography is absent
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("neither the cryptography package nor the openssl command is available")
    pki = TestPki(folder / "inspection-root.pem", folder / "server.pem", folder / "server.key")
    ca_key = folder / "ca.key"

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], check=True, capture_output=True, timeout=60)

    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(ca_key),
        "-out", str(pki.ca_file), "-days", str(days), "-subj", f"/CN={ROOT_NAME}/O=Antivirus de Teste",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    csr = folder / "server.csr"
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(pki.key_file),
        "-out", str(csr), "-subj", "/CN=127.0.0.1")
    ext = folder / "server.ext"
    ext.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n"
                   "extendedKeyUsage=serverAuth\n", encoding="ascii")
    run("x509", "-req", "-in", str(csr), "-CA", str(pki.ca_file), "-CAkey", str(ca_key), "-CAcreateserial",
        "-out", str(pki.cert_file), "-days", str(days), "-extfile", str(ext))
    return pki


@contextlib.asynccontextmanager
async def https_server(app: ASGIApp, pki: TestPki) -> AsyncIterator[str]:
    """Serve ``app`` over HTTPS on 127.0.0.1 (a free port) with the test PKI; yields the base URL."""
    async with RunningServer(app, "127.0.0.1", 0, ssl_certfile=pki.cert_file, ssl_keyfile=pki.key_file,
                             log_level="critical", timeout_graceful_shutdown=2) as server:
        yield server.url
