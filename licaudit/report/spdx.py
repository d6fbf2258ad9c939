"""SPDX 2.3 documents (JSON: format ``spdx``; tag-value: format ``spdx-tv``) built with spdx-tools.

- The scanned project is the root package (``DOCUMENT DESCRIBES`` it); it ``DEPENDS_ON`` every
  model the repository references directly.
- One package per model (referenced or reached through lineage): the model id as name, the
  pinned revision as version, the purl as a ``PACKAGE-MANAGER purl`` external reference, the
  publisher as supplier.
- Declared license: what the model itself declares. Concluded license: what licaudit concluded
  binds the model — its own license AND every license inherited through lineage (a fine-tune of
  a Llama model is also bound by the Llama license). A license that is not on the SPDX list is a
  ``LicenseRef-`` with extracted licensing info (name, URL, summary).
- Lineage, from the model to its base (``base_model_relation``):
  ``quantized`` -> ``VARIANT_OF`` (same weights, other precision or format);
  ``adapter`` -> ``DEPENDS_ON`` (an adapter cannot run without its base weights);
  ``finetune``, ``merge``, ``distill`` and anything else -> ``DESCENDANT_OF`` (trained further from
  the base's weights or outputs). Each lineage relationship carries the relation as its comment.
- A local artifact's files carry their SHA-256: on the model's package when it is one file (a
  GGUF file), else one package per file that the model's package ``CONTAINS``.
- Deterministic: the document namespace is derived from a SHA-256 of the report, and the
  creation time is ``SOURCE_DATE_EPOCH`` when set, else the Unix epoch (see ``creation_time``),
  so re-rendering the same report gives the same bytes.
"""

from __future__ import annotations

import io
import re
import uuid
from datetime import datetime
from typing import Any

from ._common import one_line, reviewed_subject, unseen
from .bom import (
    content_digest,
    creation_time,
    download_location,
    license_infos,
    location_text,
    project_name,
    review_properties,
    vcs_location,
)
from .contract import Report

NAMESPACE_BASE = "https://licaudit.dev/spdxdocs"
LINEAGE_RELATIONSHIP = {"quantized": "VARIANT_OF", "adapter": "DEPENDS_ON"}
DEFAULT_LINEAGE_RELATIONSHIP = "DESCENDANT_OF"
_SPDX_ID_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


_TEXT_TAG = re.compile(r"<(/?)(text)>", re.IGNORECASE)


def _safe(value: Any) -> Any:
    """The report with every string on one plain line (``scrub.one_line``: no control
    characters) and no ``<text>`` tags: tag-value reads a newline as the start of a new tag and
    ``</text>`` as the end of a text block, so a model card's license name or an artifact's path
    must not be able to add packages, nor reach a terminal as an escape sequence."""
    if isinstance(value, str):
        return _TEXT_TAG.sub(r"<\1 \2>", " ".join(one_line(value).split()))
    if isinstance(value, dict):
        return {_safe(k): _safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_safe(v) for v in value]
    return value


def _spdx_id(prefix: str, text: str, taken: set[str]) -> str:
    base = f"SPDXRef-{prefix}-" + (_SPDX_ID_UNSAFE.sub("-", text).strip("-") or "x")
    candidate, n = base, 2
    while candidate.lower() in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate.lower())
    return candidate


def _spdx_key(lid: str, infos: dict[str, dict[str, Any]]) -> str:
    """The license's SPDX id; a ``LicenseRef-`` for one outside the SPDX license list that
    spdx-tools knows (a newer list id, like ``OpenMDW-1.0``, becomes ``LicenseRef-OpenMDW-1.0``)."""
    from spdx_tools.common.spdx_licensing import spdx_licensing

    from .document import license_ref_id

    info = infos.get(lid)
    key = info["spdx"] if info and info.get("spdx") else license_ref_id(lid)
    if _is_ref(key) or key in spdx_licensing.known_symbols:
        return key
    return license_ref_id(key)


def _is_ref(key: str) -> bool:
    return key.startswith("LicenseRef-")


_EXPRESSION_TOKEN = re.compile(r"(\s+|\(|\))")
_OPERATORS = {"AND", "OR", "WITH"}
_LICENSE_REF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")


def spdx_expression(lid: str, infos: dict[str, dict[str, Any]]) -> str:
    """The SPDX expression for a report license value: a single license's id, or a declared
    expression (``apache-2.0 OR mit``) with each license mapped to its SPDX id or LicenseRef."""
    from spdx_tools.common.spdx_licensing import spdx_licensing

    if not any(op in re.split(r"[\s()]+", lid.upper()) for op in _OPERATORS):
        return _spdx_key(lid, infos)
    known = {k.lower(): k for k in spdx_licensing.known_symbols}
    out, after_with = [], False
    for token in _EXPRESSION_TOKEN.split(lid):
        if not token or token.isspace() or token in "()":
            out.append(" " if token and token.isspace() else token)
            continue
        if token.upper() in _OPERATORS:
            out.append(token.upper())
            after_with = token.upper() == "WITH"
            continue
        if after_with:  # an exception: only SPDX list exceptions may follow WITH
            if token.lower() not in known:
                return _spdx_key(lid, infos)
            out.append(known[token.lower()])
        elif token in infos:
            out.append(_spdx_key(token, infos))
        elif token.lower() in known:
            out.append(known[token.lower()])
        else:
            out.append(_spdx_key(token, infos))
        after_with = False
    text = " ".join("".join(out).split()).replace("( ", "(").replace(" )", ")")
    try:
        parsed = spdx_licensing.parse(text)
        unknown = [k for k in spdx_licensing.unknown_license_keys(parsed) if not _is_ref(k)]
    except Exception:  # noqa: BLE001 - any parse failure: the text is not a usable expression
        unknown = [text]
    return _spdx_key(lid, infos) if unknown else text


def build(doc: Report, *, created: datetime | None = None):
    """The spdx-tools ``Document`` for a report."""
    from spdx_tools.common.spdx_licensing import spdx_licensing
    from spdx_tools.spdx.model import (
        Actor,
        ActorType,
        Checksum,
        ChecksumAlgorithm,
        CreationInfo,
        Document,
        ExternalPackageRef,
        ExternalPackageRefCategory,
        ExtractedLicensingInfo,
        Package,
        PackagePurpose,
        Relationship,
        RelationshipType,
        SpdxNoAssertion,
    )

    digest = content_digest(doc)
    doc = _safe(doc)
    name = project_name(doc)
    infos = license_infos(doc)
    taken: set[str] = set()
    root_id = _spdx_id("Project", name, taken)
    by_id: dict[str, str] = {}  # lower-cased model id -> SPDX id
    models = sorted(doc["models"], key=lambda m: (m["id"].lower(), m["source"]))
    for model in models:
        by_id.setdefault(model["id"].lower(), _spdx_id("Model", model["id"], taken))

    used_refs: set[str] = set()

    def expression(keys: list[str]):
        keys = sorted(set(keys))
        if not keys:
            return SpdxNoAssertion()
        for key in keys:
            used_refs.update(_LICENSE_REF.findall(key))
        if len(keys) > 1:
            keys = [f"({k})" if " OR " in k else k for k in keys]
        return spdx_licensing.parse(" AND ".join(keys))

    review = doc.get("review") or {}
    subject = reviewed_subject(doc)
    vcs = vcs_location(doc)
    packages = [
        Package(
            spdx_id=root_id,
            name=name,
            version=review.get("commit") or None,
            download_location=vcs or SpdxNoAssertion(),
            files_analyzed=False,
            license_concluded=SpdxNoAssertion(),
            license_declared=SpdxNoAssertion(),
            copyright_text=SpdxNoAssertion(),
            primary_package_purpose=PackagePurpose.APPLICATION,
            comment=f"The repository audited by licaudit {doc['tool']['version']} under policy "
            f"'{doc['policy']['name']}' ({doc['policy']['source']}); verdict: {doc['summary']['verdict']}"
            + "".join(f"; {part}" for part in unseen(doc["summary"]))
            + "."
            + (f" Reviewed: {subject}." if subject else ""),
        )
    ]
    relationships = [Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, root_id)]

    for model in models:
        spdx_id = by_id[model["id"].lower()]
        own = model.get("license")
        declared = expression([spdx_expression(own["id"], infos)]) if own else SpdxNoAssertion()
        effective = [e["license"] for e in model.get("effective_licenses", []) if e.get("license")]
        concluded = expression([spdx_expression(lid, infos) for lid in effective])
        inherited = [
            e
            for e in model.get("effective_licenses", [])
            if e.get("license") and len(e["chain"]) > 1
        ]
        license_comment = "Declared: from " + (model.get("license_provenance") or "no source") + "."
        if inherited:
            license_comment += (
                " Concluded adds licenses inherited through lineage: "
                + "; ".join(f"{e['license']} via {' -> '.join(e['chain'])}" for e in inherited)
                + "."
            )
        attribution = []
        for lid in sorted(set(effective)):
            terms = infos.get(lid, {}).get("terms") or {}
            for key in ("display_text", "notice_text"):
                if isinstance(terms.get(key), str) and terms[key] not in attribution:
                    attribution.append(terms[key])
        publisher = model.get("publisher") or {}
        supplier = (
            Actor(ActorType.ORGANIZATION, publisher["name"])
            if publisher.get("name")
            else SpdxNoAssertion()
        )
        refs = []
        if model.get("purl"):
            refs.append(
                ExternalPackageRef(
                    ExternalPackageRefCategory.PACKAGE_MANAGER, "purl", model["purl"]
                )
            )
        where = ", ".join(location_text(loc) for loc in model.get("locations", []))
        comment_parts = [
            "AI model"
            + ("" if model["direct"] else " reached through lineage (not referenced directly)"),
            f"source {model['source']}",
        ]
        if publisher.get("country"):
            comment_parts.append(f"publisher country {publisher['country']}")
        if model.get("gated") is not None:
            comment_parts.append("gated" if model["gated"] else "not gated")
        if model.get("suppressed"):
            comment_parts.append("every reference is suppressed in the source")
        if where:
            comment_parts.append(f"referenced at {where}")
        if model.get("unresolved"):
            comment_parts.append(f"unresolved: {model['unresolved']}")
        download = download_location(model)
        files = model.get("files") or []
        packages.append(
            Package(
                spdx_id=spdx_id,
                name=model["id"],
                version=model.get("revision") or None,
                download_location=download or SpdxNoAssertion(),
                homepage=download or None,
                supplier=supplier,
                files_analyzed=False,
                license_declared=declared,
                license_concluded=concluded,
                license_comment=license_comment,
                copyright_text=SpdxNoAssertion(),
                external_references=refs,
                attribution_texts=attribution,
                checksums=[Checksum(ChecksumAlgorithm.SHA256, files[0]["sha256"])]
                if len(files) == 1
                else [],
                primary_package_purpose=PackagePurpose.OTHER,
                source_info="; ".join(
                    f"{field}: {fact['source']} ({fact['detail']})"
                    for field, fact in sorted((model.get("provenance") or {}).items())
                )
                or None,
                comment="; ".join(comment_parts) + ".",
            )
        )
        if len(files) > 1:  # a model folder's weight files, each with its SHA-256
            for f in files:
                file_id = _spdx_id("File", f["path"], taken)
                packages.append(
                    Package(
                        spdx_id=file_id,
                        name=f["path"],
                        download_location=SpdxNoAssertion(),
                        files_analyzed=False,
                        checksums=[Checksum(ChecksumAlgorithm.SHA256, f["sha256"])],
                        primary_package_purpose=PackagePurpose.FILE,
                        comment=f"A file of the local model {model['id']} ({f['size']} bytes).",
                    )
                )
                relationships.append(Relationship(spdx_id, RelationshipType.CONTAINS, file_id))
        if model["direct"]:
            relationships.append(Relationship(root_id, RelationshipType.DEPENDS_ON, spdx_id))
        relation = model.get("base_model_relation")
        for base in model.get("base_models", []):
            base_id = by_id.get(base.lower())
            if base_id is None:
                continue
            kind = LINEAGE_RELATIONSHIP.get(relation or "", DEFAULT_LINEAGE_RELATIONSHIP)
            relationships.append(
                Relationship(
                    spdx_id,
                    RelationshipType[kind],
                    base_id,
                    comment=f"base_model_relation: {relation or 'unspecified'}",
                )
            )

    extracted = []
    ref_info = {_spdx_key(lid, infos): {"id": lid, **info} for lid, info in sorted(infos.items())}
    for key in sorted(used_refs):
        info = ref_info.get(key, {})
        lic_name = info.get("name") or key.removeprefix("LicenseRef-")
        text = [f"{lic_name}."]
        if info.get("summary"):
            text.append(info["summary"])
        if info.get("url"):
            text.append(f"Full text: {info['url']}")
        else:
            text.append(
                "licaudit does not hold the full text of this license; see the model's card or LICENSE file."
            )
        extracted.append(
            ExtractedLicensingInfo(
                license_id=key,
                extracted_text=" ".join(text),
                license_name=lic_name,
                cross_references=[info["url"]] if info.get("url") else [],
                comment=f"licaudit license id '{info.get('id', key)}', category {info.get('category', 'unknown')}.",
            )
        )

    namespace_uuid = uuid.uuid5(uuid.NAMESPACE_URL, f"{NAMESPACE_BASE}/{digest}")
    creation = CreationInfo(
        spdx_version="SPDX-2.3",
        spdx_id="SPDXRef-DOCUMENT",
        name=f"licaudit AI model bill of materials for {name}",
        document_namespace=f"{NAMESPACE_BASE}/{name}-{namespace_uuid}",
        creators=[Actor(ActorType.TOOL, f"licaudit-{doc['tool']['version']}")],
        created=creation_time(doc, created),
        creator_comment="Generated by licaudit from its JSON report (report sha256 "
        f"{digest}); concluded licenses include licenses inherited through model lineage."
        + (
            " Review: " + "; ".join(f"{name} {value}" for name, value in review_properties(doc))
            if review
            else ""
        ),
    )
    return Document(
        creation, packages=packages, relationships=relationships, extracted_licensing_info=extracted
    )


def _validate(document) -> None:
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    from ..errors import LicauditError

    messages = validate_full_spdx_document(document)
    if messages:
        raise LicauditError("cannot write a valid SPDX document: " + messages[0].validation_message)


class SpdxJsonFormat:
    """SPDX 2.3 JSON."""

    name = "spdx"
    filename = "licaudit.spdx.json"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        from spdx_tools.spdx.jsonschema.document_converter import DocumentConverter

        from .. import jsontext

        document = build(doc)
        _validate(document)
        return jsontext.dumps(DocumentConverter().convert(document), ensure_ascii=False) + "\n"


class SpdxTagValueFormat:
    """SPDX 2.3 tag-value."""

    name = "spdx-tv"
    filename = "licaudit.spdx"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        from spdx_tools.spdx.writer.tagvalue.tagvalue_writer import write_document

        document = build(doc)
        _validate(document)
        out = io.StringIO()
        write_document(document, out)
        return out.getvalue()
