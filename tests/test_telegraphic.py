"""Point-paper bullets: connective padding goes, the claim stays."""

from __future__ import annotations

import pytest

from app.memo.telegraphic import telegraphic


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Furthermore, the U.S. and Japan have struck a deal to manufacture more missiles.",
         "U.S. and Japan have struck a deal to manufacture more missiles"),
        ("In addition, moreover, Japan will buy 400 Tomahawk missiles.", "Japan will buy 400 Tomahawk missiles"),
        ("The meeting took place in Tokyo.", "Meeting took place in Tokyo"),
        ("Currently, the US Forces Japan headquarters has no commanding authority.",
         "US Forces Japan headquarters has no commanding authority"),
        ("Talks resumed with the U.S.", "Talks resumed with the U.S."),  # an abbreviation keeps its stop
        ("An agreement may follow in March.", "Agreement may follow in March"),  # hedges stay
        ("Theatre missile defence was discussed.", "Theatre missile defence was discussed"),  # not an article
        ("However,", "However,"),  # nothing left: keep the original
    ],
)
def test_telegraphic(text, short):
    assert telegraphic(text) == short
