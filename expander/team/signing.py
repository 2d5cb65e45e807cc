"""Signing keys: making an Ed25519 key pair, reading public keys, signing and
verifying a manifest.

A signature (``expander-pack.sig``) is a small JSON file over the manifest's
exact bytes. ``cryptography`` is imported only to make keys, sign and verify,
so installing unsigned packs never needs it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
from pathlib import Path

from expander.errors import DistributeError, VerificationError
from expander.fsutil import atomic_write_bytes
from expander.team.formats import json_bytes

__all__ = [
    "KEY_PREFIX",
    "generate_key",
    "key_id",
    "named_signer",
    "read_public_key",
    "sign_manifest",
    "verify_signature",
]

KEY_PREFIX = "ed25519:"


def _crypto_missing() -> DistributeError:
    """The error for a missing ``cryptography``, saying how to install it."""
    return DistributeError(
        "signing and verifying packs needs the 'cryptography' package: "
        "pip install 'expander[signing]' (or pip install cryptography)"
    )


def key_id(public_key: str) -> str:
    """A short, stable name for a public key (16 hex digits of its SHA-256)."""
    raw = _public_key_bytes(public_key)
    return hashlib.sha256(raw).hexdigest()[:16]


def _public_key_bytes(public_key: str) -> bytes:
    """The 32 raw bytes of an ``ed25519:...`` public key; a clear error when it is not one."""
    text = public_key.strip()
    if text.lower().startswith(KEY_PREFIX):
        text = text[len(KEY_PREFIX) :]
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise DistributeError(
            f"{public_key.strip()[:60]!r} is not an Ed25519 public key: use the "
            f"'{KEY_PREFIX}...' line that 'expander pack keygen' printed (or its .pub file)"
        )
    return raw


def read_public_key(value: str | Path) -> str:
    """A public key given as its text (``ed25519:...``) or as a ``.pub`` file, normalised.

    Lines starting with ``#`` in the file are comments. Raises
    :class:`DistributeError` when it is neither.
    """
    text = str(value)
    candidate = Path(value)
    is_key_text = text.strip().lower().startswith(KEY_PREFIX)
    if not is_key_text and candidate.is_file():
        try:
            content = candidate.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DistributeError(f"cannot read the public key file {candidate}: {exc}") from None
        lines = [ln.strip() for ln in content.splitlines() if ln.strip() and ln[:1] != "#"]
        if not lines:
            raise DistributeError(f"{candidate} holds no public key")
        text = lines[0]
    elif not is_key_text and ("/" in text or "\\" in text or text.endswith(".pub")):
        raise DistributeError(f"no such public key file: {text}")
    raw = _public_key_bytes(text)
    return KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def generate_key(private_key_path: str | Path, *, overwrite: bool = False) -> str:
    """Make an Ed25519 key pair for signing packs; returns the public key text.

    The private key is written as PEM (PKCS #8, unencrypted) readable by its
    owner only (0600); keep it off shared folders. The public key is written
    beside it as ``<file>.pub``, one ``ed25519:...`` line that agents pin with
    ``--key``. An existing key is never replaced unless ``overwrite``.
    """
    path = Path(private_key_path)
    pub_path = path.with_name(path.name + ".pub")
    if not overwrite:
        for existing in (path, pub_path):
            if existing.exists():
                raise DistributeError(
                    f"{existing} already exists: choose another file name, or delete it "
                    "first (agents who pinned its public key would refuse packs signed "
                    "with a new key)"
                )
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    except ImportError:
        raise _crypto_missing() from None
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public = KEY_PREFIX + base64.b64encode(raw).decode("ascii")
    atomic_write_bytes(path, pem, mode=0o600)
    atomic_write_bytes(pub_path, (public + "\n").encode("ascii"), mode=0o644)
    return public


def sign_manifest(manifest_bytes: bytes, private_key_path: Path) -> tuple[bytes, str]:
    """The signature file's bytes for a manifest, and the signing key's public text."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    except ImportError:
        raise _crypto_missing() from None
    try:
        pem = private_key_path.read_bytes()
    except OSError as exc:
        raise DistributeError(
            f"cannot read the signing key {private_key_path}: {exc.strerror or exc}"
        ) from None
    from cryptography.exceptions import UnsupportedAlgorithm

    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except TypeError:
        raise DistributeError(
            f"{private_key_path} is encrypted with a passphrase, which Expander does not "
            "support: make a key with 'expander pack keygen'"
        ) from None
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise DistributeError(
            f"{private_key_path} is not a private key in PEM format ({exc}): "
            "make one with 'expander pack keygen'"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise DistributeError(
            f"{private_key_path} is not an Ed25519 key: make one with 'expander pack keygen'"
        )
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public = KEY_PREFIX + base64.b64encode(raw).decode("ascii")
    signature = {
        "algorithm": "ed25519",
        "key_id": key_id(public),
        "signature": base64.b64encode(key.sign(manifest_bytes)).decode("ascii"),
    }
    return json_bytes(signature), public


def verify_signature(
    name: str, manifest_bytes: bytes, signature_bytes: bytes | None, public_key: str
) -> str:
    """Check the signature against the pinned key; returns the key id. Raises if it fails."""
    expected = key_id(public_key)
    if signature_bytes is None:
        raise VerificationError(
            f"{name} is not signed, but its publisher's key {expected} is pinned: "
            "refused (ask the publisher to sign it with 'expander pack build --sign')"
        )
    try:
        data = json.loads(signature_bytes.decode("utf-8"))
        algorithm = data["algorithm"]
        signature = base64.b64decode(data["signature"], validate=True)
        signed_by = str(data.get("key_id", "?"))
    except (ValueError, KeyError, TypeError, RecursionError):
        raise VerificationError(f"{name}: the signature file is damaged: refused") from None
    if algorithm != "ed25519":
        raise VerificationError(f"{name}: unknown signature algorithm {algorithm!r}: refused")
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        raise _crypto_missing() from None
    try:
        Ed25519PublicKey.from_public_bytes(_public_key_bytes(public_key)).verify(
            signature, manifest_bytes
        )
    except InvalidSignature:
        other = f" (it names key {signed_by})" if signed_by != expected else ""
        raise VerificationError(
            f"{name}: the signature does not verify with the pinned key {expected}{other}: "
            "refused; the archive was changed or signed by someone else"
        ) from None
    return expected


def named_signer(signature_bytes: bytes) -> str | None:
    """The key id a signature file names, unverified; None when it names none.

    For showing who signed a pack; never a substitute for :func:`verify_signature`.
    """
    with contextlib.suppress(ValueError, KeyError, TypeError, RecursionError):
        return str(json.loads(signature_bytes.decode("utf-8"))["key_id"])
    return None
