"""PAdES signatures on the audit sheet: author certification, reviewer approval, validation.

The author's signature is a certification signature (DocMDP level 2: only form
filling and signing may follow). Both signature fields are created in the
author's revision, so the reviewer's later incremental update only fills the
existing empty "Reviewer" field, which the certification allows.

Keys are ECDSA P-256: poppler (``pdfsig``) cannot check Ed25519 PDF signatures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import content, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.audit.authority import UserIdentity
from app.audit.sheet import (
    AUTHOR_FIELD,
    REVIEWER_FIELD,
    SIGNATURE_BOXES,
    format_datetime,
    render_stamp,
)
from app.i18n import current_language, tr

log = logging.getLogger(__name__)

# A signer clock this far ahead of the validating machine is accepted.
_CLOCK_TOLERANCE = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class SignatureCheck:
    """Validation result of one signature field of the sheet."""

    field: str
    signer: str
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    signed_revision_length: int
    # Whether pyHanko's difference analysis found every later revision allowed by
    # the document's modification policy (True when nothing follows).
    changes_permitted: bool = False
    # SHA-256 (hex) of the signer certificate's DER encoding.
    certificate_sha256: str = ""


def sign_as_author(
    pdf: bytes,
    identity: UserIdentity,
    authority_cert_pem: bytes,
    *,
    language: str | None = None,
) -> bytes:
    """Add the "Author" and "Reviewer" fields on the last page and certify with the author key.

    The certification allows form filling and signing afterwards, so the reviewer
    can approve without breaking it. ``language`` sets the stamp text (default:
    the current language).
    """
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    last_page = int(writer.root["/Pages"]["/Count"]) - 1
    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    for name in (AUTHOR_FIELD, REVIEWER_FIELD):
        if name in existing:
            raise ValueError(f"the sheet already has a {name!r} signature field")
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(
                sig_field_name=name,
                on_page=last_page,
                box=SIGNATURE_BOXES[name],
                empty_field_appearance=True,
            ),
        )

    metadata = signers.PdfSignatureMetadata(
        field_name=AUTHOR_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        name=identity.user,
        reason=tr("audit.pades.author_reason", language),
    )
    signer = _signer(identity.sign_key_pem, identity.sign_cert_pem, [authority_cert_pem])
    appearance = _appearance(
        AUTHOR_FIELD, "audit.pades.author_heading", identity.user, _issuer_name(signer), language
    )
    signed = _sign(writer, metadata, signer, appearance)
    log.info("audit sheet certified by principal %s (%d bytes)", identity.principal, len(signed))
    return signed


def sign_as_reviewer(
    pdf: bytes,
    key_pem: bytes,
    cert_pem: bytes,
    chain_pem: list[bytes],
    *,
    language: str | None = None,
) -> bytes:
    """Sign the empty "Reviewer" field in an incremental update and return the whole new PDF."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    empty_fields = {name for name, value, _ in fields.enumerate_sig_fields(writer) if value is None}
    if REVIEWER_FIELD not in empty_fields:
        raise ValueError("the sheet has no empty 'Reviewer' signature field")

    signer = _signer(key_pem, cert_pem, chain_pem)
    reviewer_name = _common_name(next(load_certs_from_pemder_data(cert_pem)).subject)
    metadata = signers.PdfSignatureMetadata(
        field_name=REVIEWER_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=reviewer_name,
        reason=tr("audit.pades.reviewer_reason", language),
    )
    appearance = _appearance(
        REVIEWER_FIELD,
        "audit.pades.reviewer_heading",
        reviewer_name,
        _issuer_name(signer),
        language,
    )
    signed = _sign(writer, metadata, signer, appearance)
    log.info("audit sheet approved in a new revision (%d bytes)", len(signed))
    return signed


def validate_sheet(pdf: bytes, trusted_root_pem: bytes) -> list[SignatureCheck]:
    """Validate every signature of the sheet offline against ``trusted_root_pem``.

    No certificate or revocation data is fetched. Each certificate chain is
    checked at the signing time the signature reports (see ``_validation_context``).
    """
    root = next(load_certs_from_pemder_data(trusted_root_pem))
    reader = PdfFileReader(io.BytesIO(pdf))
    checks = []
    for embedded in reader.embedded_signatures:
        status = validate_pdf_signature(embedded, _validation_context(root, embedded))
        byte_range = embedded.byte_range
        checks.append(
            SignatureCheck(
                field=str(embedded.field_name),
                signer=_common_name(embedded.signer_cert.subject),
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                signed_revision_length=int(byte_range[2]) + int(byte_range[3]),
                changes_permitted=bool(status.docmdp_ok),
                certificate_sha256=hashlib.sha256(embedded.signer_cert.dump()).hexdigest(),
            )
        )
    return checks


def _common_name(name: asn1_x509.Name) -> str:
    return str(name.native.get("common_name", ""))


def _issuer_name(signer: signers.SimpleSigner) -> str:
    certificate = signer.signing_cert
    return _common_name(certificate.issuer) if certificate is not None else ""


def _signer(key_pem: bytes, cert_pem: bytes, chain_pem: list[bytes]) -> signers.SimpleSigner:
    key: asn1_keys.PrivateKeyInfo = load_private_key_from_pemder_data(key_pem, passphrase=None)
    certificate: asn1_x509.Certificate = next(load_certs_from_pemder_data(cert_pem))
    chain = [cert for pem in chain_pem for cert in load_certs_from_pemder_data(pem)]
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


def _sign(
    writer: IncrementalPdfFileWriter,
    metadata: signers.PdfSignatureMetadata,
    signer: signers.SimpleSigner,
    appearance: bytes,
) -> bytes:
    style = StaticStampStyle(
        background=_ImportedAppearance(appearance),
        background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(0),
        ),
        border_width=0,
    )
    pdf_signer = signers.PdfSigner(metadata, signer=signer, stamp_style=style)
    output = io.BytesIO()
    pdf_signer.sign_pdf(writer, existing_fields_only=True, output=output)
    return output.getvalue()


def _appearance(
    field: str, heading_key: str, signer_name: str, issuer: str, language: str | None
) -> bytes:
    x1, y1, x2, y2 = SIGNATURE_BOXES[field]
    signed_at = dt.datetime.now(dt.UTC).isoformat()
    lines = [
        tr(f"audit.pades.{field.lower()}_line", language, name=signer_name),
        tr(
            "audit.pades.signed_at",
            language,
            date=format_datetime(signed_at, language or current_language(), long=True),
        ),
        tr("audit.pades.issuer", language, issuer=issuer),
    ]
    return render_stamp(tr(heading_key, language), lines, x2 - x1, y2 - y1)


class _ImportedAppearance(content.PdfContent):
    """Page 0 of an in-memory PDF, imported as a form XObject for a signature appearance."""

    def __init__(self, pdf: bytes) -> None:
        super().__init__()
        self._pdf = pdf

    def render(self) -> bytes:
        if self.writer is None:
            raise ValueError("the appearance has no PDF writer")
        reader = PdfFileReader(io.BytesIO(self._pdf))
        xobject = self.writer.import_page_as_xobject(reader, page_ix=0)
        name = generic.pdf_name("/Appearance")
        self.set_resource(category=content.ResourceType.XOBJECT, name=name, value=xobject)
        x1, y1, x2, y2 = (float(value) for value in xobject.get_object()["/BBox"])
        self.box = BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return b"/Appearance Do"


def _validation_context(
    root: asn1_x509.Certificate, embedded: EmbeddedPdfSignature
) -> ValidationContext:
    # NOTE: without a trusted timestamp, the chain is checked at the signing time
    # the signer reports, so a sheet stays verifiable after the 5-year user
    # certificate expires. A claimed time over 10 minutes ahead is replaced by now.
    now = dt.datetime.now(dt.UTC)
    claimed = embedded.self_reported_timestamp
    moment = claimed if claimed is not None and claimed <= now + _CLOCK_TOLERANCE else now
    return ValidationContext(
        trust_roots=[root],
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=moment,
    )
