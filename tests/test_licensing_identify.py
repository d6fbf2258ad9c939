"""License text identification. The texts are built here from short excerpts written for the tests
(titles, version lines, key clauses in the licenses' own wording, plus neutral filler), never
copies of whole license files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from licaudit.licensing import KnowledgeBase
from licaudit.licensing.identify import THRESHOLD, Identification, identify, identify_file

LICENSES = Path(__file__).resolve().parent.parent / "licenses"

FILLER = (
    "\n\nDisclaimer of Warranty. UNLESS REQUIRED BY APPLICABLE LAW, THE MATERIALS ARE PROVIDED ON AN AS IS BASIS, "
    "WITHOUT WARRANTIES OF ANY KIND. Limitation of Liability. IN NO EVENT WILL THE LICENSOR BE LIABLE FOR ANY LOST "
    "PROFITS OR ANY INDIRECT, SPECIAL, CONSEQUENTIAL, INCIDENTAL, EXEMPLARY OR PUNITIVE DAMAGES.\n\n"
)


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load(LICENSES, cache=False)


LLAMA = {
    # version: (title, date line, url part, new style?)
    "llama2": (
        "LLAMA 2 COMMUNITY LICENSE AGREEMENT",
        "Llama 2 Version Release Date: July 18, 2023",
        "Llama 2",
        False,
    ),
    "llama3": (
        "META LLAMA 3 COMMUNITY LICENSE AGREEMENT",
        "Meta Llama 3 Version Release Date: April 18, 2024",
        "Meta Llama 3",
        False,
    ),
    "llama3.1": (
        "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT",
        "Llama 3.1 Version Release Date: July 23, 2024",
        "Llama 3.1",
        True,
    ),
    "llama3.2": (
        "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT",
        "Llama 3.2 Version Release Date: September 25, 2024",
        "Llama 3.2",
        True,
    ),
    "llama3.3": (
        "LLAMA 3.3 COMMUNITY LICENSE AGREEMENT",
        "Llama 3.3 Version Release Date: December 6, 2024",
        "Llama 3.3",
        True,
    ),
    "llama4": (
        "LLAMA 4 COMMUNITY LICENSE AGREEMENT",
        "Llama 4 Version Effective Date: April 5, 2025",
        "Llama 4",
        True,
    ),
}


def llama_text(lid: str, *, mau: str = "700 million", built_with: bool = True) -> str:
    title, date, name, new_style = LLAMA[lid]
    parts = [
        title,
        date,
        f"“Llama Materials” means, collectively, Meta’s proprietary {name} and Documentation made available under this Agreement.",
    ]
    if new_style:
        redistribution = (
            "i. If you distribute or make available the Llama Materials (or any derivative works thereof), or a product or service "
            "(including another AI model) that contains any of them, you shall (A) provide a copy of this Agreement with any such "
            "Llama Materials; and (B) prominently display “Built with Llama” on a related website, user interface, blogpost, about "
            "page, or product documentation. If you use the Llama Materials or any outputs or results of the Llama Materials to "
            "create, train, fine tune, or otherwise improve an AI model, which is distributed or made available, you shall also "
            "include “Llama” at the beginning of any such AI model name."
        )
        if not built_with:
            redistribution = "i. If you distribute the Llama Materials you shall provide a copy of this Agreement with any such Llama Materials."
        parts.append(redistribution)
    elif lid == "llama3":
        parts.append(
            "i. If you distribute or make available the Llama Materials, you shall (A) provide a copy of this Agreement with any such "
            "Llama Materials; and (B) prominently display “Built with Meta Llama 3” on a related website, user interface, blogpost, "
            "about page, or product documentation. If you use the Llama Materials to create, train, fine tune, or otherwise improve "
            "an AI model, which is distributed or made available, you shall also include “Llama 3” at the beginning of any such AI model name."
        )
    notice_name = "LLAMA 2" if lid == "llama2" else name
    parts.append(
        "iii. You must retain in all copies of the Llama Materials that you distribute the following attribution notice within a "
        f"“Notice” text file distributed as a part of such copies: “{name} is licensed under the {notice_name} Community License, "
        "Copyright © Meta Platforms, Inc. All Rights Reserved.”"
    )
    if not new_style:
        excluded = "Llama 2" if lid == "llama2" else "Meta Llama 3"
        parts.append(
            "v. You will not use the Llama Materials or any output or results of the Llama Materials to improve any other large "
            f"language model (excluding {excluded} or derivative works thereof)."
        )
    parts.append(
        f"2. Additional Commercial Terms. If, on the {name} version release date, the monthly active users of the products or "
        f"services made available by or for Licensee, or Licensee’s affiliates, is greater than {mau} monthly active users in "
        "the preceding calendar month, you must request a license from Meta."
    )
    parts.append(FILLER)
    parts.append(
        "7. Governing Law and Jurisdiction. This Agreement will be governed and construed under the laws of the State of "
        "California without regard to choice of law principles."
    )
    return "\n\n".join(parts)


def gemma_text() -> str:
    return "\n\n".join(
        [
            "Gemma Terms of Use",
            "Last modified: March 24, 2025",
            "By using, reproducing, modifying, distributing, performing or displaying any portion or element of Gemma, Model Derivatives "
            'including via any Hosted Service, (each as defined below) (collectively, the "Gemma Services") or otherwise accepting the '
            "terms of this Agreement, you agree to be bound by this Agreement.",
            '3.1 Distribution and Redistribution. You must include a "Notice" text file that contains the following notice: '
            '"Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms".',
            "3.2 Use Restrictions. You must not use any of the Gemma Services for the restricted uses set forth in the Gemma Prohibited "
            "Use Policy at ai.google.dev/gemma/prohibited_use_policy, which is hereby incorporated by reference into this Agreement.",
            FILLER,
        ]
    )


def mistral_text(kind: str) -> str:
    if kind == "mrl":
        title, notice, special = (
            "Mistral AI Research License",
            "Licensed by Mistral AI under the Mistral AI Research License",
            ("You may use the Mistral Models, Derivatives and Outputs only for Research Purposes."),
        )
    else:
        title, notice, special = (
            "Mistral AI Non-Production License",
            "Licensed by Mistral AI under the Mistral AI Non-Production License",
            (
                "You may use the Mistral Models and Derivatives only for testing, research, Personal or evaluation purposes in a "
                "Non-Production Environment."
            ),
        )
    return "\n\n".join(
        [
            title,
            "If You want to use a Mistral Model or a Derivative in any way this Agreement does not permit, "
            "you need to obtain a separate license from Mistral AI.",
            special,
            f'You must include a "Notice" text file with the following notice: "{notice}".',
            FILLER,
        ]
    )


APACHE_HEAD = (
    "                                 Apache License\n                           Version 2.0, January 2004\n"
    "                        http://www.apache.org/licenses/\n\n   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n\n"
)


def apache_text() -> str:
    body = [
        '1. Definitions. "License" shall mean the terms and conditions for use, reproduction, and distribution.',
        "3. Grant of Patent License. Subject to the terms and conditions of this License, each Contributor hereby grants to You a "
        "perpetual, worldwide, non-exclusive, no-charge, royalty-free, irrevocable patent license.",
        "4. Redistribution. (a) You must give any other recipients of the Work or Derivative Works a copy of this License; and "
        "(b) You must cause any modified files to carry prominent notices stating that You changed the files.",
    ]
    return APACHE_HEAD + "\n\n".join(body) + FILLER + "END OF TERMS AND CONDITIONS\n"


def mit_text(extra: str = "") -> str:
    return (
        "MIT License\n\nCopyright (c) 2025 Example Labs\n\n"
        "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated "
        'documentation files (the "Software"), to deal in the Software without restriction, including without limitation the '
        "rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit "
        "persons to whom the Software is furnished to do so, subject to the following conditions:\n\n"
        "The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\n"
        + extra
        + 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO '
        "THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR "
        "COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, ARISING FROM, OUT OF OR IN CONNECTION WITH THE "
        "SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n"
    )


# ---------------------------------------------------------------- recognised


@pytest.mark.parametrize("lid", sorted(LLAMA))
def test_each_llama_version_is_told_apart(kb, lid):
    r = identify(llama_text(lid), kb)
    assert isinstance(r, Identification)
    assert (r.license, r.kind) == (lid, "license"), r.reason
    assert r.confidence >= THRESHOLD


@pytest.mark.parametrize(
    ("lid", "builder"),
    [
        ("gemma", gemma_text),
        ("mrl", lambda: mistral_text("mrl")),
        ("mnpl", lambda: mistral_text("mnpl")),
        ("apache-2.0", apache_text),
        ("mit", mit_text),
    ],
)
def test_other_licenses_recognised(kb, lid, builder):
    r = identify(builder(), kb)
    assert r.license == lid, r.reason
    assert r.confidence >= THRESHOLD


def test_formatting_does_not_matter(kb):
    text = llama_text("llama3.2").replace("“", '"').replace("”", '"').replace("©", "(c)")
    text = "# " + text.replace("\n\n", "\n\n**").replace(". ", ".\n")
    assert identify(text, kb).license == "llama3.2"


def test_bsd_variants_pick_the_most_specific(kb):
    base = (
        "Copyright (c) 2024, Example\n\nRedistribution and use in source and binary forms, with or without modification, are "
        "permitted provided that the following conditions are met:\n\n1. Redistributions of source code must retain the above "
        "copyright notice, this list of conditions and the following disclaimer.\n\n2. Redistributions in binary form must "
        "reproduce the above copyright notice, this list of conditions and the following disclaimer in the documentation.\n\n"
    )
    third = (
        "3. Neither the name of the copyright holder nor the names of its contributors may be used to endorse or promote "
        "products derived from this software without specific prior written permission.\n\n"
    )
    assert identify(base + "THIS SOFTWARE IS PROVIDED AS IS.", kb).license == "bsd-2-clause"
    assert identify(base + third + "THIS SOFTWARE IS PROVIDED AS IS.", kb).license == "bsd-3-clause"


def test_use_policy_files_say_what_they_are(kb):
    text = "\n\n".join(
        [
            "Llama 3.2 Acceptable Use Policy",
            "Meta is committed to promoting safe and fair use of its tools and features, including Llama 3.2.",
            "Prohibited Uses",
            "We want everyone to use Llama 3.2 safely and responsibly.",
            "With respect to any multimodal models included in Llama 3.2, the rights granted under Section 1(a) of the Llama 3.2 "
            "Community License Agreement are not being granted to you if you are an individual domiciled in, or a company with a "
            "principal place of business in, the European Union.",
        ]
    )
    r = identify(text, kb)
    assert (r.license, r.kind) == ("llama3.2", "use-policy")
    assert "use policy" in r.reason and "not the license text" in r.reason


# ---------------------------------------------------------------- refused


def _refused(r: Identification) -> None:
    assert r.license is None and r.kind == "unrecognised"
    assert r.reason.startswith("unrecognised")
    assert r.confidence < THRESHOLD


def test_changed_user_threshold_is_refused(kb):
    _refused(identify(llama_text("llama3.1", mau="7 billion"), kb))


def test_dropped_attribution_clause_is_refused(kb):
    r = identify(llama_text("llama3.1", built_with=False), kb)
    _refused(r)
    assert "llama3.1" in r.reason  # says what it was closest to


def test_mixed_versions_are_refused(kb):
    text = llama_text("llama3.2").replace(
        "Llama 3.2 Version Release Date: September 25, 2024",
        "Llama 3.1 Version Release Date: July 23, 2024",
    )
    _refused(identify(text, kb))


def test_mit_with_an_added_restriction_is_refused(kb):
    extra = (
        "Additional condition: if the Software or any derivative is used in a commercial product or service with more than "
        "100 million monthly active users or more than 20 million US dollars in monthly revenue, you shall prominently "
        "display the name of the original model on the user interface of such product or service, and you shall not remove "
        "or alter this condition in any copy.\n\n"
    )
    r = identify(mit_text(extra), kb)
    _refused(r)
    assert "longer than" in r.reason


def test_two_licenses_in_one_file_are_refused(kb):
    r = identify(apache_text() + "\n\n" + mit_text(), kb)
    _refused(r)
    assert "apache-2.0" in r.reason and "mit" in r.reason


def test_foreign_license_is_refused(kb):
    text = (
        "ACME OPEN MODEL LICENSE AGREEMENT\nVersion 1.0\n\nThis model was fine-tuned from a Llama model and is offered under the "
        "following terms. You may use, copy and modify the model for any lawful purpose, provided you keep this notice. The "
        "licensor may terminate this agreement on breach. This agreement is governed by the laws of Delaware."
        + FILLER
    )
    _refused(identify(text, kb))


@pytest.mark.parametrize("text", ["", "   \n", "MIT", "Apache", "x\x00y" * 50])
def test_empty_short_or_binary_is_refused(kb, text):
    _refused(identify(text, kb))


def test_big_files_are_capped_and_fast(kb, tmp_path):
    path = tmp_path / "LICENSE"
    path.write_text(
        mit_text() + ("lorem ipsum dolor sit amet " * 250_000), encoding="utf-8"
    )  # ~7 MB
    start = time.perf_counter()
    r = identify_file(path, kb)
    assert time.perf_counter() - start < 2.0
    _refused(r)  # MIT followed by megabytes of other text is not plain MIT


def test_identify_file_reads_utf16_and_bom(kb, tmp_path):
    p = tmp_path / "LICENSE.md"
    p.write_text(llama_text("llama4"), encoding="utf-16")
    assert identify_file(p, kb).license == "llama4"
    p.write_text(gemma_text(), encoding="utf-8-sig")
    assert identify_file(p, kb).license == "gemma"
    with pytest.raises(OSError):
        identify_file(tmp_path / "missing", kb)


def test_results_are_deterministic(kb):
    texts = [llama_text("llama3.3"), mit_text("x " * 80), apache_text() + mit_text()]
    assert [identify(t, kb) for t in texts] == [identify(t, kb) for t in texts]
