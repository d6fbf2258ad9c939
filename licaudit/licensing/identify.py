"""Recognise a license from its text (a LICENSE, LICENSE.md or USE_POLICY file).

The facts are data: each license file lists ``evidence`` phrases (key clauses) and, under
``identify``, ``anchors`` (title and version line, which must ALL be present), an optional
``max_words`` and the phrases of its separate use policy. Texts and phrases are compared after
folding case and punctuation away, so line breaks, Markdown emphasis and curly quotes do not matter.

Scoring, per license: confidence = weight of the phrases found / weight of all its phrases
(weight = words in the phrase, capped at 12), multiplied by ``max_words / words`` when the text
is longer than ``max_words`` (a license with extra clauses appended is not that license). A
license is recognised when all its anchors are present and the confidence reaches
:data:`THRESHOLD`. A text that strongly matches two licenses, neither of whose matched phrases
contains the other's (e.g. MIT and Apache-2.0 pasted into one file), is refused as combined; a
named variant of a family wins over the family's generic entry (the BigScience Open RAIL-M over
Open RAIL: each anchor of the generic license lies inside one of the variant's).
A changed key clause (a different user threshold, a dropped attribution duty) removes a phrase
and drops the confidence below the threshold: the text is refused, not guessed.

Use policies (e.g. USE_POLICY.md) are recognised by their own phrases and reported with the
license that incorporates them, ``kind="use-policy"``, so a caller can tell them apart.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..recordtype import dataclass
from . import KnowledgeBase, knowledge_base

THRESHOLD = 0.9
MAX_CHARS = 262_144  # only the head of a big file is read and compared
MAX_BYTES = MAX_CHARS * 4
MIN_WORDS = 8
MAX_PHRASE_WEIGHT = 12


@dataclass(frozen=True)
class Identification:
    """What a text was recognised as.

    ``license`` is a knowledge-base id, or None below the threshold (``reason`` then starts with
    "unrecognised"). ``kind`` is ``"license"`` for a license text, ``"use-policy"`` for a use policy
    a license incorporates (``license`` then names that license), ``"unrecognised"`` otherwise."""

    license: str | None
    confidence: float
    reason: str
    kind: str = "license"


@dataclass(frozen=True)
class _Phrase:
    text: str  # as written in the license file
    key: str  # normalised, padded with spaces
    weight: int


@dataclass(frozen=True)
class _Candidate:
    license: str
    label: str
    anchors: tuple[_Phrase, ...]
    phrases: tuple[_Phrase, ...]  # anchors and evidence, de-duplicated
    max_words: int | None


@dataclass(frozen=True)
class _Score:
    candidate: _Candidate
    found: frozenset[str]
    missing: tuple[_Phrase, ...]
    anchors_ok: bool
    got: int  # weight of the phrases found
    raw: float  # phrase coverage alone
    confidence: float  # coverage with the length penalty


_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize_text(text: str) -> str:
    """Lower case, '©' as 'c', everything but ASCII letters and digits folded to single spaces,
    padded with a space at both ends (so phrases match on word boundaries)."""
    text = text.lower().replace("\u00a9", " c ")
    return " " + _NON_WORD.sub(" ", text).strip() + " "


def _phrase(text: str) -> _Phrase | None:
    key = normalize_text(text)
    if not key.strip():
        return None
    return _Phrase(text, key, min(len(key.split()), MAX_PHRASE_WEIGHT))


def _phrases(texts) -> tuple[_Phrase, ...]:
    out: dict[str, _Phrase] = {}
    for t in texts:
        p = _phrase(t)
        if p is not None:
            out.setdefault(p.key, p)
    return tuple(out.values())


@functools.cache
def _index(kb: KnowledgeBase) -> tuple[tuple[_Candidate, ...], tuple[_Candidate, ...]]:
    """(license candidates, use-policy candidates) built from the knowledge base's files."""
    licenses, policies = [], []
    for lic in kb:
        ident = lic.data.get("identify") or {}
        evidence = list(lic.data.get("evidence") or ())
        anchors = _phrases(ident.get("anchors") or ())
        if evidence or anchors:
            licenses.append(
                _Candidate(
                    lic.id,
                    lic.name,
                    anchors,
                    _phrases([*(a.text for a in anchors), *evidence]),
                    ident.get("max_words"),
                )
            )
        up = ident.get("use_policy")
        if up:
            phrases = _phrases(up["evidence"])
            policies.append(_Candidate(lic.id, up["name"], phrases[:1], phrases, None))
    return tuple(licenses), tuple(policies)


def _score(cand: _Candidate, text: str, words: int) -> _Score:
    found = frozenset(p.key for p in cand.phrases if p.key in text)
    total = sum(p.weight for p in cand.phrases)
    got = sum(p.weight for p in cand.phrases if p.key in found)
    raw = got / total if total else 0.0
    anchors_ok = all(a.key in found for a in cand.anchors)
    conf = raw
    if cand.max_words and words > cand.max_words:
        conf *= cand.max_words / words
    if not anchors_ok:
        conf = min(conf, raw * 0.5)
    missing = tuple(p for p in cand.phrases if p.key not in found)
    return _Score(cand, found, missing, anchors_ok, got, raw, conf)


def _dominates(a: _Score, b: _Score) -> bool:
    """a is the more specific match: its matched phrases strictly contain b's, or a names a
    variant of b's family (each of b's anchors lies inside one of a's: "Open RAIL" inside
    "BigScience Open RAIL-M"), so b's evidence is a's text seen from further away."""
    if b.found < a.found:
        return True
    return bool(b.candidate.anchors) and all(
        any(x.key != y.key and x.key in y.key for y in a.candidate.anchors)
        for x in b.candidate.anchors
    )


def identify(text: str, kb: KnowledgeBase | None = None) -> Identification:
    """Name the license ``text`` is, with a confidence in [0, 1]; ``license`` is None below
    :data:`THRESHOLD`. Only the first :data:`MAX_CHARS` characters are compared."""
    kb = kb or knowledge_base()
    if not isinstance(text, str):
        return Identification(None, 0.0, "unrecognised: not a text", "unrecognised")
    truncated = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    if "\x00" in text:
        return Identification(
            None, 0.0, "unrecognised: binary content, not a license text", "unrecognised"
        )
    norm = normalize_text(text)
    words = len(norm.split())
    if words < MIN_WORDS:
        return Identification(
            None, 0.0, "unrecognised: empty or too short to be a license text", "unrecognised"
        )
    license_cands, policy_cands = _index(kb)
    scores = sorted(
        (_score(c, norm, words) for c in license_cands),
        key=lambda s: (-s.confidence, -s.got, s.candidate.license),
    )
    passing = [s for s in scores if s.anchors_ok and s.confidence >= THRESHOLD]
    strong = [s for s in scores if s.anchors_ok and s.raw >= THRESHOLD]  # length aside
    if passing:
        # the most specific: a match whose phrases another strong match strictly contains is not it
        best = next((s for s in passing if not any(_dominates(t, s) for t in strong)), passing[0])
        rivals = [s for s in strong if s is not best and not _dominates(best, s)]
        if rivals:
            ids = sorted({best.candidate.license, *(s.candidate.license for s in rivals)})
            return Identification(
                None,
                0.0,
                f"unrecognised: the text matches several licenses ({', '.join(ids)}); it looks combined or modified",
                "unrecognised",
            )
        reason = f"{best.candidate.label}: {len(best.found)} of {len(best.candidate.phrases)} evidence phrases found"
        if best.missing:
            reason += f" (missing: {_quote(best.missing[0])})"
        policy = _best_policy(policy_cands, norm, words, best.candidate.license)
        if policy:
            reason += f"; also contains its {policy.candidate.label}"
        return Identification(best.candidate.license, round(best.confidence, 3), reason, "license")
    policy = _best_policy(policy_cands, norm, words)
    if policy is not None:
        lid = policy.candidate.license
        return Identification(
            lid,
            round(policy.confidence, 3),
            f"{policy.candidate.label}: the use policy the {lid} license incorporates, not the license text itself",
            "use-policy",
        )
    reason, confidence = _unrecognised(scores, words, truncated)
    return Identification(None, confidence, reason, "unrecognised")


def _best_policy(cands, norm: str, words: int, license_id: str | None = None) -> _Score | None:
    scores = [
        _score(c, norm, words) for c in cands if license_id is None or c.license == license_id
    ]
    ok = sorted(
        (s for s in scores if s.anchors_ok and s.confidence >= THRESHOLD),
        key=lambda s: (-s.confidence, -len(s.found), s.candidate.license),
    )
    if not ok:
        return None
    if len(ok) > 1 and ok[1].found >= ok[0].found:
        return None  # two policies match equally: do not guess
    return ok[0]


def _quote(p: _Phrase) -> str:
    text = " ".join(p.text.split())
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'


def _unrecognised(scores: list[_Score], words: int, truncated: bool) -> tuple[str, float]:
    """(why the text is not recognised, the confidence of the closest license): the number the
    reason cites is the one reported, in text and in JSON alike."""
    best = next((s for s in scores if s.raw > 0), None)
    if best is None:
        return "unrecognised: no known license's evidence phrases found", 0.0
    lid = best.candidate.license
    confidence = round(best.confidence, 3)
    if best.anchors_ok and best.raw >= THRESHOLD:
        limit = best.candidate.max_words
        size = "more than" if truncated else ""
        return (
            f"unrecognised: reads like {lid} but is {size} {words} words, longer than the {limit} expected "
            f"(confidence {confidence:.2f}); it looks modified or combined with other terms"
        ).replace("  ", " "), confidence
    missing = best.missing[0] if best.missing else None
    detail = f", missing {_quote(missing)}" if missing else ""
    return (
        f"unrecognised: closest is {lid} at confidence {confidence:.2f}{detail}; below the "
        f"{THRESHOLD} threshold, it may be modified or a different license"
    ), confidence


def read_license_text(path: str | Path) -> str:
    """The head of a text file (at most :data:`MAX_BYTES`), decoded leniently. Raises OSError
    when the file cannot be read."""
    from ..decoding import decode

    with open(path, "rb") as fh:
        return decode(fh.read(MAX_BYTES))


def identify_file(path: str | Path, kb: KnowledgeBase | None = None) -> Identification:
    """:func:`identify` on a file's text. Raises OSError when the file cannot be read."""
    return identify(read_license_text(path), kb)
