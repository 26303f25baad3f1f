"""The personal-data guard of case reflections (casereflection.privacy). Pure: no database."""

import datetime
import os
import subprocess
import sys

import pytest

from casereflection.privacy import (
    KIND_AGE_WITH_NAME,
    KIND_BIRTH_DATE,
    KIND_BSN,
    KIND_EMAIL,
    KIND_IBAN,
    KIND_PHONE,
    KIND_POSTCODE_HOUSE_NUMBER,
    KINDS,
    Finding,
    describe,
    elfproef,
    find_personal_data,
    iban_is_valid,
)

# (text, kind, matched text): each text holds exactly one finding.
POSITIVE = [
    # BSN (elfproef passes)
    ("Haar BSN is 123456782.", KIND_BSN, "123456782"),
    ("BSN 123.456.782 staat in het dossier", KIND_BSN, "123.456.782"),
    ("nummer 1234 56 782 doorgegeven", KIND_BSN, "1234 56 782"),
    ("bekend onder 123-456-782 bij de SVB", KIND_BSN, "123-456-782"),
    ("burgerservicenummer 111 222 333", KIND_BSN, "111 222 333"),
    ("BSN: 12345672 (zonder voorloopnul)", KIND_BSN, "12345672"),
    # e-mail
    ("mail naar jan.jansen@example.nl graag", KIND_EMAIL, "jan.jansen@example.nl"),
    (
        "Contact: f.el-amrani+zorg@mail.gemeente-x.nl.",
        KIND_EMAIL,
        "f.el-amrani+zorg@mail.gemeente-x.nl",
    ),
    # phone
    ("bel haar op 06-12345678 als het kan", KIND_PHONE, "06-12345678"),
    ("mobiel 06 12 34 56 78 na vijven", KIND_PHONE, "06 12 34 56 78"),
    ("nummer 0612345678.", KIND_PHONE, "0612345678"),
    ("telefoon (06) 12345678", KIND_PHONE, "(06) 12345678"),
    ("thuis 010-1234567 bellen", KIND_PHONE, "010-1234567"),
    ("vaste lijn 0317-123456", KIND_PHONE, "0317-123456"),
    ("tel. 020 123 4567", KIND_PHONE, "020 123 4567"),
    ("buitenland +31 6 12345678", KIND_PHONE, "+31 6 12345678"),
    ("of +31 (0)6 12345678", KIND_PHONE, "+31 (0)6 12345678"),
    ("of 0031 6 12345678", KIND_PHONE, "0031 6 12345678"),
    ("kantoor +31 20 123 4567", KIND_PHONE, "+31 20 123 4567"),
    ("whatsapp +31612345678", KIND_PHONE, "+31612345678"),
    ("tel:06 – 123 456 78", KIND_PHONE, "06 – 123 456 78"),
    # postcode with house number, and street + house number
    ("woont op 7311 AB 12 sinds kort", KIND_POSTCODE_HOUSE_NUMBER, "7311 AB 12"),
    ("adres 7311AB 12a", KIND_POSTCODE_HOUSE_NUMBER, "7311AB 12a"),
    (
        "Zij woont Hoofdstraat 12, 7311 AB Apeldoorn.",
        KIND_POSTCODE_HOUSE_NUMBER,
        "Hoofdstraat 12, 7311 AB Apeldoorn",
    ),
    ("postcode 7311 AB, huisnummer 12", KIND_POSTCODE_HOUSE_NUMBER, "7311 AB, huisnummer 12"),
    (
        "huisnummer 12 bij postcode 7311 AB",
        KIND_POSTCODE_HOUSE_NUMBER,
        "huisnummer 12 bij postcode 7311 AB",
    ),
    ("hij woont Dorpsstraat 14 met zijn zus", KIND_POSTCODE_HOUSE_NUMBER, "Dorpsstraat 14"),
    ("aan de Kerkweg 3b.", KIND_POSTCODE_HOUSE_NUMBER, "Kerkweg 3b"),
    ("zij verhuisde naar hoofdstraat 7", KIND_POSTCODE_HOUSE_NUMBER, "hoofdstraat 7"),
    ("opvang aan de Burgemeester Visserlaan 112-2", KIND_POSTCODE_HOUSE_NUMBER, "Visserlaan 112-2"),
    # date of birth
    ("geboren op 12-03-1984 in Deventer", KIND_BIRTH_DATE, "12-03-1984"),
    ("geb. 12 maart 1984", KIND_BIRTH_DATE, "12 maart 1984"),
    ("geboortedatum: 1984-03-12", KIND_BIRTH_DATE, "1984-03-12"),
    ("Geboortedatum 3/7/2009, schoolgaand", KIND_BIRTH_DATE, "3/7/2009"),
    ("Jan Jansen (12-03-1984) kwam binnen", KIND_BIRTH_DATE, "12-03-1984"),
    ("Jansen *12-03-1984 is vader van twee kinderen", KIND_BIRTH_DATE, "12-03-1984"),
    ("zoon, geboren 7 jan. 2011", KIND_BIRTH_DATE, "7 jan. 2011"),
    ("Zij is op 1 januari 1990 geboren.", KIND_BIRTH_DATE, "1 januari 1990"),
    # age with a name
    ("Jan (34) woont alleen", KIND_AGE_WITH_NAME, "Jan (34)"),
    ("Fatima, 17 jaar, zat op school", KIND_AGE_WITH_NAME, "Fatima, 17 jaar"),
    ("Volgens de wijkagent is Pieter is 42 jaar", KIND_AGE_WITH_NAME, "Pieter is 42 jaar"),
    ("Het gaat om mevrouw De Vries (81).", KIND_AGE_WITH_NAME, "De Vries (81)"),
    ("meneer Jansen, 67", KIND_AGE_WITH_NAME, "Jansen, 67"),
    ("Gezin met dochter Ayşe (9 jaar)", KIND_AGE_WITH_NAME, "Ayşe (9 jaar)"),
    ("de 17-jarige Fatima El Amrani werd", KIND_AGE_WITH_NAME, "17-jarige Fatima El Amrani"),
    ("Jan-Willem van der Berg (16) liep weg", KIND_AGE_WITH_NAME, "Jan-Willem van der Berg (16)"),
    # IBAN
    ("rekening NL91 ABNA 0417 1643 00 van de moeder", KIND_IBAN, "NL91 ABNA 0417 1643 00"),
    ("IBAN NL91ABNA0417164300.", KIND_IBAN, "NL91ABNA0417164300"),
    ("Duitse rekening DE89 3704 0044 0532 0130 00", KIND_IBAN, "DE89 3704 0044 0532 0130 00"),
    ("in kleine letters nl91abna0417164300", KIND_IBAN, "nl91abna0417164300"),
    ("België: BE68539007547034", KIND_IBAN, "BE68539007547034"),
]

NEGATIVE = [
    # dates, years, quarters
    "Besproken op 6 december 2023 in het casusoverleg.",
    "Vastgesteld d.d. 06-12-2023 door de stuurgroep.",
    "Planning 2024-Q3 en Q2 2025.",
    "op 12 maart 2024 besproken",
    "per 1 januari 2025 in werking",
    "tussen 2019 en 2023 daalde het met 15%",
    "Versie 2.1 van 06-12-2023",
    "Stuurgroep (06-12-2023): besluit genomen.",
    "* 12-03-2024 overleg met de ketenpartners",
    "06-12-2023 10 deelnemers",
    "op 06 12 2023 10 personen aanwezig",
    # amounts, percentages, counts
    "Het budget is € 66.000,- per jaar.",
    "Ongeveer 2.800 euro per casus.",
    "Totaal € 1.234.567 voor de regio.",
    "kosten 123.456.782 euro",
    "€ 123.456.782 in totaal",
    "Het aandeel steeg naar 12,5% in 2024.",
    "In 2023 waren er 22 gemeenten en 3 sub-regio's.",
    "0,5 fte per gemeente",
    # article numbers, laws, pages
    "Op grond van artikel 8:31 Wvggz.",
    "zie art. 2.4 lid 3",
    "Wmo 2015 en Jeugdwet",
    "pagina 4 van het plan",
    "artikel 12 van de wet",
    # postcodes without a house number
    "in postcodegebied 7311 AB",
    "postcodes 7300–7399",
    "7311 AB Apeldoorn is de vestiging",
    # numbers that look like phone numbers or BSNs but are not
    "Het nummer 123456789 faalt de elfproef.",
    "Referentie 1.234.567.890",
    "tel. 1234567890",
    "Overleg van 09:00-11:00 in zaal 2.",
    "zaak 2024-00123 is gesloten",
    "casusnummer 2023-0456",
    "0800-1234567 is de landelijke lijn",
    "informatie via 0900-1234567",
    "Rekening NL91 ABNA 0417 1643 01 heeft een fout controlegetal.",
    # ages without a name, and capitalised words that are no names
    "jongeren van 12 tot 23 jaar",
    "in 2 jaar tijd",
    "de eerste 100 dagen",
    "alleen voor 18+",
    "sinds 3 jaar actief",
    "De 12 gemeenten werken samen.",
    "Over 4 jaar evalueren we opnieuw.",
    "Na 2 jaar volgt een evaluatie.",
    "Het is 3 jaar geleden.",
    "De Wmo is 10 jaar oud.",
    "GGD (3) en Politie (4)",
    "Bijlage (3) bij het verslag",
    "Veiligheidshuis, 12 partners",
    "Gemeente Apeldoorn (12) doet mee.",
    "de 12-jarige ZVH-aanpak",
    "Moeder, 38, werkt parttime.",
    "Vader is 45 jaar en werkloos.",
    "kinderen in Apeldoorn (12)",
    "Emma, geboren in 2010, zit op school",
    # streets suffix words that are no addresses
    "Zorgpad 3 beschrijft de route.",
    "Arbeidsmarkt 2025",
    "onderweg 3 keer gebeld",
    "de Hoofdstraat 2024 herinrichting",
    # e-mail like, but no address
    "samenwerking @ regio en zorg@",
]


@pytest.mark.parametrize(("text", "kind", "matched"), POSITIVE)
def test_positive(text, kind, matched):
    findings = find_personal_data(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, matched)]
    finding = findings[0]
    assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    assert find_personal_data(text) == []


def test_enough_cases():
    assert len(POSITIVE) >= 35
    assert len(NEGATIVE) >= 30
    assert {kind for _, kind, _ in POSITIVE} == set(KINDS)


def test_empty_text():
    assert find_personal_data("") == []


def test_positions_in_longer_text():
    text = "Overleg 6 december.\nMoeder: bel 06-12345678, of mail m.jansen@example.nl.\n"
    phone, email = find_personal_data(text)
    assert phone == Finding(kind=KIND_PHONE, text="06-12345678", start=32, end=43)
    assert text[phone.start : phone.end] == "06-12345678"
    assert text[email.start : email.end] == email.text == "m.jansen@example.nl"


def test_several_findings_sorted_without_overlap():
    text = (
        "Jan Jansen, geboren op 12-03-1984, woont Kerkweg 3b, tel 06-12345678, "
        "BSN 123456782, mail jan@example.nl, rekening NL91 ABNA 0417 1643 00. "
        "Zijn dochter Fatima (12) woont bij hem."
    )
    findings = find_personal_data(text)
    assert [(f.kind, f.text) for f in findings] == [
        (KIND_BIRTH_DATE, "12-03-1984"),
        (KIND_POSTCODE_HOUSE_NUMBER, "Kerkweg 3b"),
        (KIND_PHONE, "06-12345678"),
        (KIND_BSN, "123456782"),
        (KIND_EMAIL, "jan@example.nl"),
        (KIND_IBAN, "NL91 ABNA 0417 1643 00"),
        (KIND_AGE_WITH_NAME, "Fatima (12)"),
    ]
    starts = [f.start for f in findings]
    assert starts == sorted(starts)
    for before, after in zip(findings, findings[1:], strict=False):
        assert before.end <= after.start
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


def test_overlap_goes_to_the_stronger_kind():
    # The digits of a spaced IBAN also look like a landline number; only the IBAN is reported.
    text = "NL91 ABNA 0417 1643 00"
    assert [f.kind for f in find_personal_data(text)] == [KIND_IBAN]


def test_future_date_after_a_name_is_no_birth_date():
    next_year = datetime.date.today().year + 1
    assert find_personal_data(f"Evaluatie Jansen (01-02-{next_year})") == []
    assert find_personal_data(f"*01-02-{next_year}") == []


@pytest.mark.parametrize(
    "number", ["123456782", "111222333", "123.456.782", "012345672", "999999990"]
)
def test_elfproef_valid(number):
    assert elfproef(number)


@pytest.mark.parametrize(
    "number", ["123456789", "111222334", "000000000", "12345678", "1234567820", "abcdefghi"]
)
def test_elfproef_invalid(number):
    assert not elfproef(number)


def test_iban_check():
    assert iban_is_valid("NL91 ABNA 0417 1643 00")
    assert iban_is_valid("gb82west12345698765432")
    assert not iban_is_valid("NL91 ABNA 0417 1643 01")  # check digits wrong
    assert not iban_is_valid("NL91 ABNA 0417 1643 0")  # too short for NL
    assert not iban_is_valid("XX91 ABNA 0417 1643 00")  # no such country


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("BSN 123456782", "BSN"),
        ("a@b.nl", "e-mailadres"),
        ("06-12345678", "telefoonnummer"),
        ("7311 AB 12", "postcode met huisnummer"),
        ("Kerkweg 3", "adres"),
        ("geboren op 1-2-1990", "geboortedatum"),
        ("Jan (34)", "leeftijd bij een naam"),
        ("NL91ABNA0417164300", "IBAN"),
    ],
)
def test_labels(text, label):
    (finding,) = find_personal_data(text)
    assert finding.label == label


def test_describe_shows_kind_text_position_and_context():
    text = "De casus werd besproken. Moeder gaf aan: bel haar op 06-12345678 als er iets is."
    (finding,) = find_personal_data(text)
    assert describe(finding, text) == (
        'Telefoonnummer gevonden: "06-12345678" '
        '(teken 54–64: "…aan: bel haar op 06-12345678 als er iets is.")'
    )


def test_describe_without_ellipses_for_short_text_and_collapsed_whitespace():
    text = "mail\n  a@b.nl"
    (finding,) = find_personal_data(text)
    assert describe(finding, text) == 'E-mailadres gevonden: "a@b.nl" (teken 8–13: "mail a@b.nl")'


def test_describe_cuts_context_at_words_on_both_sides():
    text = "In het overleg van gisteren is gezegd dat BSN 123456782 bekend is bij de gemeente."
    (finding,) = find_personal_data(text)
    message = describe(finding, text)
    assert message.startswith('BSN gevonden: "123456782" (teken 47–55: "…')
    assert message.endswith('…")')
    context = message.split(': "', 2)[2][1:-3]
    assert context == "is gezegd dat BSN 123456782 bekend is bij de"
    assert "<" not in message and "\n" not in message


def test_describe_label_for_address():
    text = "Zij woont Dorpsstraat 14."
    (finding,) = find_personal_data(text)
    assert describe(finding, text).startswith('Adres gevonden: "Dorpsstraat 14"')


def test_works_without_django_settings():
    code = (
        "from casereflection.privacy import find_personal_data, describe\n"
        "text = 'bel 06-12345678'\n"
        "(finding,) = find_personal_data(text)\n"
        "print(finding.label)\n"
        "print(describe(finding, text))\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == [
        "telefoonnummer",
        'Telefoonnummer gevonden: "06-12345678" (teken 5–15: "bel 06-12345678")',
    ]
