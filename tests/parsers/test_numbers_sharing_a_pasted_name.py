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


PASTED_CONTACT_SIGNATURE = """\
[12/03/2024, 09:14:02] Anna Berg: Hi both, our final offer is 4,200 for the batch. Best, Anna Berg
[12/03/2024, 09:15:40] +44 7700 900123: Hi, forwarding what my manager said this morning: we can't go below 4,800. Best, Anna Berg
[12/03/2024, 09:16:10] Anna Berg: Sorry, who is this?
[12/03/2024, 09:17:00] +44 7700 900123: Oops, pasted the wrong bit. We can't go below 4,800.
"""


def test_when_a_number_pastes_a_saved_contacts_signature_then_it_is_not_that_contact() -> None:
    speakers = [t.speaker for t in parse_text(PASTED_CONTACT_SIGNATURE).turns]

    assert speakers == ["Anna Berg", "+44 7700 900123", "Anna Berg", "+44 7700 900123"]
