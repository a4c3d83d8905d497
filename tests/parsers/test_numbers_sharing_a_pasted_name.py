"""Two unsaved numbers that paste the same signature or introduction are two people, not one
person under the pasted name; one number that introduces itself still takes its name."""

from __future__ import annotations

from analyzer.parsers import parse_text

TWO_NUMBERS = """\
12/03/2026, 09:00 - Marta Ruiz: Morning all, can everyone confirm the Friday rate of 180 a day?
12/03/2026, 09:02 - +44 7700 555101: Hi Marta, this is Helen Price. Confirmed for Friday.
12/03/2026, 09:03 - +44 7700 555102: Hi Marta, this is Helen Price. Confirmed for Friday.
12/03/2026, 09:05 - Marta Ruiz: Thanks both
"""

SIGNATURE_PASTED_TWICE = """\
12/03/2026, 09:00 - Marta Ruiz: Morning all, can everyone confirm the Friday rate of 180 a day?
12/03/2026, 09:02 - +44 7700 555101: Confirmed for Friday.
Kind regards,
Helen Price
Planning Officer
12/03/2026, 09:03 - +44 7700 555102: Confirmed for Friday too.
Kind regards,
Helen Price
Planning Officer
12/03/2026, 09:05 - Marta Ruiz: Thanks both
"""


def test_when_two_numbers_paste_one_introduction_then_they_stay_two_people() -> None:
    speakers = [t.speaker for t in parse_text(TWO_NUMBERS).turns]

    assert speakers == ["Marta Ruiz", "+44 7700 555101", "+44 7700 555102", "Marta Ruiz"]


def test_when_two_numbers_paste_one_signature_then_they_stay_two_people() -> None:
    speakers = [t.speaker for t in parse_text(SIGNATURE_PASTED_TWICE).turns]

    assert speakers == ["Marta Ruiz", "+44 7700 555101", "+44 7700 555102", "Marta Ruiz"]


def test_when_one_number_introduces_itself_then_it_takes_the_name() -> None:
    one = "\n".join(line for line in TWO_NUMBERS.splitlines() if "555102" not in line) + "\n"

    speakers = [t.speaker for t in parse_text(one).turns]

    assert speakers == ["Marta Ruiz", "Helen Price", "Marta Ruiz"]
