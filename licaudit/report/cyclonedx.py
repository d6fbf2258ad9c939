"""CycloneDX 1.6 ML-BOM (JSON) built with cyclonedx-python-lib.

- The scanned project is ``metadata.component`` (type ``application``); it depends on every
  model the repository references directly.
- One ``machine-learning-model`` component per model (referenced or reached through lineage):
  purl, revision as version, publisher as supplier, the declared license (SPDX id, or name and
  URL for a license outside the SPDX list, ``acknowledgement: declared``) and the licenses
  inherited through lineage (``acknowledgement: concluded``).
- A local artifact's files carry their SHA-256: as the component's ``hashes`` when it is one
  file (a GGUF file), else as nested ``file`` components.
- Lineage: ``pedigree.ancestors`` lists each base model (a copy whose ``bom-ref`` points back
  to the top-level component); an adapter also ``dependsOn`` its base.
- A ``modelCard`` per model (written as JSON: the library has no model for it): the task and
  its formats, the license considerations, the lineage and modalities (``model_card``).
- Provenance, category, gating, locations, findings and waivers as ``licaudit:*`` properties.
- Deterministic: serial number is a UUIDv5 of the report's SHA-256, timestamp as in SPDX
  (``SOURCE_DATE_EPOCH`` or the Unix epoch), every bom-ref derived from the model identity.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..licensing.obligations import Limit
from .bom import (
    content_digest,
    creation_time,
    download_location,
    license_infos,
    location_text,
    project_name,
    review_properties,
)
from .contract import FindingEntry, ModelEntry, Report

SERIAL_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://licaudit.dev/cyclonedx")


def _ref(model: ModelEntry) -> str:
    return f"licaudit:model:{model['source']}:{model['id']}"


def _is_spdx_list_id(key: str) -> bool:
    from cyclonedx.spdx import is_supported_id

    return not key.startswith("LicenseRef-") and is_supported_id(key)


def _is_expression(lid: str, infos: dict[str, dict[str, Any]]) -> bool:
    from .spdx import spdx_expression

    return any(op in spdx_expression(lid, infos).split() for op in ("AND", "OR", "WITH"))


def _license(lid: str, infos: dict[str, dict[str, Any]], acknowledgement):
    from cyclonedx.model import XsUri
    from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression

    from .document import license_ref_id
    from .spdx import spdx_expression

    if _is_expression(lid, infos):
        return LicenseExpression(spdx_expression(lid, infos), acknowledgement=acknowledgement)
    info = infos.get(lid) or {}
    key = info.get("spdx") or license_ref_id(lid)
    if _is_spdx_list_id(key):
        return DisjunctiveLicense(id=key, acknowledgement=acknowledgement)
    url = XsUri(info["url"]) if info.get("url") else None
    return DisjunctiveLicense(
        name=info.get("name") or lid, url=url, acknowledgement=acknowledgement
    )


def _properties(model: ModelEntry, findings: list[FindingEntry]):
    from cyclonedx.model import Property

    props: list[tuple[str, str]] = [
        ("licaudit:source", model["source"]),
        ("licaudit:direct", str(model["direct"]).lower()),
    ]
    lic = model.get("license")
    if lic:
        props += [
            ("licaudit:license:id", lic["id"]),
            ("licaudit:license:category", lic["category"]),
        ]
    if model.get("license_provenance"):
        props.append(("licaudit:license:provenance", model["license_provenance"]))
    for eff in model.get("effective_licenses", []):
        if eff.get("license"):
            props.append(
                ("licaudit:effective-license", f"{eff['license']} via {' -> '.join(eff['chain'])}")
            )
    for field, fact in sorted((model.get("provenance") or {}).items()):
        props.append(
            (
                f"licaudit:provenance:{field}",
                f"{fact['source']}: {fact['detail']}" if fact.get("detail") else fact["source"],
            )
        )
    if model.get("base_model_relation"):
        props.append(("licaudit:base-model-relation", model["base_model_relation"]))
    publisher = model.get("publisher") or {}
    if publisher.get("country"):
        props.append(("licaudit:publisher:country", publisher["country"]))
    if model.get("gated") is not None:
        props.append(("licaudit:gated", str(model["gated"]).lower()))
    if model.get("suppressed"):
        props.append(("licaudit:suppressed", "true"))
    for modality in model.get("modalities", []):
        props.append(("licaudit:modality", modality))
    if model.get("unresolved"):
        props.append(("licaudit:unresolved", model["unresolved"]))
    for loc in model.get("locations", []):
        props.append(("licaudit:location", location_text(loc)))
    for f in findings:
        state = "waived" if f.get("waived") else f["severity"]
        props.append((f"licaudit:finding:{f['rule']}", f"{state}: {f['message']}"))
    return [Property(name=n, value=v) for n, v in props]


def build(doc: Report, *, created: datetime | None = None):
    """The cyclonedx-python-lib ``Bom`` for a report."""
    from cyclonedx.model import (
        ExternalReference,
        ExternalReferenceType,
        HashAlgorithm,
        HashType,
        Property,
        XsUri,
    )
    from cyclonedx.model.bom import Bom, BomMetaData
    from cyclonedx.model.component import Component, ComponentType, Pedigree
    from cyclonedx.model.contact import OrganizationalEntity
    from cyclonedx.model.license import LicenseAcknowledgement
    from cyclonedx.model.tool import ToolRepository
    from packageurl import PackageURL

    digest = content_digest(doc)
    infos = license_infos(doc)
    models = sorted(doc["models"], key=lambda m: (m["id"].lower(), m["source"]))
    by_id = {m["id"].lower(): m for m in models}

    def component(model: ModelEntry, bom_ref: str, seen: tuple[str, ...]) -> Component:
        own = model.get("license")
        licenses = []
        if own:
            licenses.append(_license(own["id"], infos, LicenseAcknowledgement.DECLARED))
        # CycloneDX takes license objects or one expression: an expression stands alone, and
        # the inherited licenses stay in the licaudit:effective-license properties
        if not (own and _is_expression(own["id"], infos)):
            for lid in sorted(
                {
                    e["license"]
                    for e in model.get("effective_licenses", [])
                    if e.get("license") and len(e["chain"]) > 1
                }
            ):
                if (not own or lid != own["id"]) and not _is_expression(lid, infos):
                    licenses.append(_license(lid, infos, LicenseAcknowledgement.CONCLUDED))
        publisher = model.get("publisher") or {}
        pedigree = None
        seen = (*seen, model["id"].lower())
        ancestors = [
            component(by_id[b.lower()], f"{_ref(by_id[b.lower()])}#ancestor-of:{model['id']}", seen)
            for b in model.get("base_models", [])
            if b.lower() in by_id and b.lower() not in seen  # a lineage cycle stops here
        ]
        if ancestors:
            relation = model.get("base_model_relation") or "unspecified"
            pedigree = Pedigree(ancestors=ancestors, notes=f"base_model_relation: {relation}")
        download = download_location(model)
        files = model.get("files") or []
        return Component(
            type=ComponentType.MACHINE_LEARNING_MODEL,
            hashes=[HashType(alg=HashAlgorithm.SHA_256, content=files[0]["sha256"])]
            if len(files) == 1
            else None,
            components=[  # a model folder's weight files, each with its SHA-256
                Component(
                    type=ComponentType.FILE,
                    name=f["path"],
                    bom_ref=f"{bom_ref}#file:{f['path']}",
                    hashes=[HashType(alg=HashAlgorithm.SHA_256, content=f["sha256"])],
                )
                for f in files
            ]
            if len(files) > 1
            else None,
            name=model["id"],
            version=model.get("revision") or None,
            bom_ref=bom_ref,
            purl=PackageURL.from_string(model["purl"]) if model.get("purl") else None,
            supplier=OrganizationalEntity(name=publisher["name"])
            if publisher.get("name")
            else None,
            publisher=publisher.get("name") or None,
            licenses=licenses,
            pedigree=pedigree,
            external_references=[
                ExternalReference(type=ExternalReferenceType.WEBSITE, url=XsUri(download))
            ]
            if download
            else None,
            properties=_properties(
                model,
                [
                    f
                    for f in doc["findings"]
                    if (f.get("model") or "").lower() == model["id"].lower()
                ],
            ),
        )

    components = {m["id"].lower(): component(m, _ref(m), ()) for m in models}
    name = project_name(doc)
    summary = doc["summary"]
    review = doc.get("review") or {}
    repository = review.get("repository") or ""
    root = Component(
        type=ComponentType.APPLICATION,
        name=name,
        version=review.get("commit") or None,
        bom_ref=f"licaudit:project:{name}",
        external_references=[
            ExternalReference(type=ExternalReferenceType.VCS, url=XsUri(repository))
        ]
        if "://" in repository
        else None,
        properties=[
            Property(
                name="licaudit:policy", value=f"{doc['policy']['name']} ({doc['policy']['source']})"
            ),
            Property(name="licaudit:verdict", value=summary["verdict"]),
            Property(name="licaudit:report-sha256", value=digest),
            *(Property(name=f"licaudit:review:{k}", value=v) for k, v in review_properties(doc)),
        ],
    )
    tool = Component(
        type=ComponentType.APPLICATION,
        name="licaudit",
        version=doc["tool"]["version"],
        bom_ref="licaudit:tool",
    )
    bom = Bom(
        serial_number=uuid.uuid5(SERIAL_NAMESPACE, digest),
        metadata=BomMetaData(
            component=root,
            tools=ToolRepository(components=[tool]),
            timestamp=creation_time(doc, created),
            properties=[
                Property(name=f"licaudit:summary:{k}", value=str(v))
                for k, v in sorted(summary.items())
            ],
        ),
        components=components.values(),
    )
    bom.register_dependency(root, [components[m["id"].lower()] for m in models if m["direct"]])
    for m in models:
        deps = []
        if m.get("base_model_relation") == "adapter":
            deps = [
                components[b.lower()] for b in m.get("base_models", []) if b.lower() in components
            ]
        bom.register_dependency(components[m["id"].lower()], deps)
    return bom


def _formats(task: str) -> tuple[list[str], list[str]]:
    """(input formats, output formats) a Hub task names (``text-to-image``: text in, image out;
    ``image-text-to-text``: image and text in); none for a task that names no direction."""
    if "-to-" not in task:
        return [], []
    source, _, target = task.partition("-to-")
    return source.split("-"), target.split("-")


def model_card(doc: Report, model: ModelEntry) -> dict[str, Any]:
    """The CycloneDX 1.6 ``modelCard`` of one model (cyclonedx-python-lib has no model for it):
    the task and its input and output formats where known; as considerations, the license
    terms that bind the model (its own and its base models') with what they limit; as
    properties, the lineage, the modalities and the duties each license states."""
    from . import _common as c

    card: dict[str, Any] = {}
    params: dict[str, Any] = {}
    if model.get("task"):
        params["task"] = model["task"]
        inputs, outputs = _formats(model["task"])
        if inputs:
            params["inputs"] = [{"format": f} for f in inputs]
            params["outputs"] = [{"format": f} for f in outputs]
    if params:
        card["modelParameters"] = params
    considerations: list[str] = []
    props: list[tuple[str, str]] = []
    for eff, obs in c.model_obligations(doc, model):
        lid = eff["license"]
        via = f", inherited through {' -> '.join(eff['chain'])}" if len(eff["chain"]) > 1 else ""
        entry = c.license_entry(doc, lid) or {}
        terms = entry.get("terms") or {}
        use = terms.get("commercial_use", "unknown") if entry.get("known") else "unknown"
        considerations.append(
            f"Licensed under {c.license_name(doc, lid)} ({lid}, category "
            f"{c.license_category(doc, lid)}{via}): commercial use {use}"
        )
        for ob in obs:
            line = c.obligation_line(doc, lid, ob, c.PLAIN)
            if isinstance(ob, Limit):
                considerations.append(f"{lid}: {line}")
            else:
                props.append(("licaudit:obligation", f"{lid}: {line}"))
    if not considerations:
        considerations.append(
            "No license licaudit knows binds this model: its terms are unknown"
            + (f" ({model['unresolved']})" if model.get("unresolved") else "")
        )
    card["considerations"] = {"useCases": considerations}
    chain = c.lineage(model)
    if len(chain) > 1:
        props.append(("licaudit:lineage", " -> ".join(chain)))
    props += [("licaudit:base-model", b) for b in model.get("base_models", [])]
    if model.get("base_model_relation"):
        props.append(("licaudit:base-model-relation", model["base_model_relation"]))
    props += [("licaudit:modality", m) for m in model.get("modalities", [])]
    if props:
        card["properties"] = [{"name": n, "value": v} for n, v in props]
    return card


def _with_model_cards(bom: dict[str, Any], doc: Report) -> dict[str, Any]:
    """``bom`` with a ``modelCard`` on each top-level model component (the copies under
    ``pedigree.ancestors`` point back to them and carry none)."""
    by_ref = {_ref(m): m for m in doc["models"]}
    for component in bom.get("components", []):
        model = by_ref.get(component.get("bom-ref"))
        if model is not None:
            component["modelCard"] = model_card(doc, model)
    return bom


class CycloneDxFormat:
    """CycloneDX 1.6 ML-BOM (JSON)."""

    name = "cyclonedx"
    filename = "licaudit.cdx.json"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        import json

        from cyclonedx.output.json import JsonV1Dot6

        from .. import jsontext

        bom = json.loads(JsonV1Dot6(build(doc)).output_as_string())
        return (
            jsontext.dumps(_with_model_cards(bom, doc), sort_keys=True, ensure_ascii=False) + "\n"
        )
